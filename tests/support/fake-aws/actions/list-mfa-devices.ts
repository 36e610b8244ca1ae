/**
 * IAM ListMFADevices. Without UserName it lists the caller's own devices (role sessions must
 * name a user); users marked listMfaDevicesDenied get AWS's policy denial.
 */
import { noSuchEntity, notAuthorized, validationError } from "../aws-error.ts";
import { identityAccount, identityArn } from "../identity.ts";
import { Validator } from "../validation.ts";
import { element } from "../xml.ts";
import { type ActionSpec, IAM_VERSION } from "./context.ts";

export const listMfaDevices: ActionSpec = {
  service: "iam",
  version: IAM_VERSION,
  run({ caller, params, world }) {
    const { UserName, MaxItems, Marker } = params;
    const v = new Validator();
    v.length("userName", UserName, 1, 128).pattern(
      "userName",
      UserName,
      "[\\w+=,.@-]+",
      /^[\w+=,.@-]+$/,
    );
    v.integer("maxItems", MaxItems, 1, 1000);
    v.length("marker", Marker, 1, 320);
    v.done();

    const callerUser = caller.identity.kind === "user" ? caller.identity.user : undefined;
    if (!callerUser && UserName === undefined) {
      throw validationError("Must specify userName when calling with non-User credentials");
    }
    const targetName = UserName ?? callerUser!.name;
    if (callerUser?.listMfaDevicesDenied) {
      throw notAuthorized(
        identityArn(caller.identity),
        "iam:ListMFADevices",
        `user ${targetName} because no identity-based policy allows the iam:ListMFADevices action`,
      );
    }
    const target =
      UserName === undefined
        ? callerUser!
        : world.userByName(caller.partition, identityAccount(caller.identity), UserName);
    if (!target) throw noSuchEntity(`The user with name ${targetName} cannot be found.`);

    const listed = [
      ...target.securityKeys.map((serial) => ({
        serial,
        enableDate: target.devices[0]?.enableDate,
      })),
      ...target.devices,
    ];
    const members = listed.map((d) =>
      [
        "<member>",
        element("UserName", target.name),
        element("SerialNumber", d.serial),
        d.enableDate === undefined ? "" : element("EnableDate", d.enableDate),
        "</member>",
      ].join(""),
    );
    return `${element("IsTruncated", false)}<MFADevices>${members.join("")}</MFADevices>`;
  },
};
