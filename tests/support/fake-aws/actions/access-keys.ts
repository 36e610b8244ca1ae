/**
 * IAM CreateAccessKey, ListAccessKeys and DeleteAccessKey for the caller's own user (UserName,
 * when given, must be the caller: the fake has no admin policies). Two keys per user at most,
 * with IAM's LimitExceeded answer; a new key reaches STS after world.keyPropagationMs.
 */
import { AwsError, noSuchEntity, validationError } from "../aws-error.ts";
import type { Caller, FakeUser } from "../types.ts";
import { element } from "../xml.ts";
import { type ActionSpec, IAM_VERSION } from "./context.ts";

function callerUser(caller: Caller, userName: string | undefined): FakeUser {
  if (caller.identity.kind !== "user") {
    throw validationError("Must specify userName when calling with non-User credentials");
  }
  const user = caller.identity.user;
  if (userName !== undefined && userName !== user.name) {
    throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  }
  return user;
}

export const createAccessKey: ActionSpec = {
  service: "iam",
  version: IAM_VERSION,
  run({ caller, params, world, now }) {
    const user = callerUser(caller, params.UserName);
    if (user.accessKeys.length >= 2) {
      throw new AwsError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
    }
    const key = world.createAccessKey(user, now);
    return [
      "<AccessKey>",
      element("UserName", user.name),
      element("AccessKeyId", key.accessKeyId),
      element("Status", key.status),
      element("SecretAccessKey", key.secretAccessKey),
      element("CreateDate", key.createDate),
      "</AccessKey>",
    ].join("");
  },
};

export const listAccessKeys: ActionSpec = {
  service: "iam",
  version: IAM_VERSION,
  run({ caller, params }) {
    const user = callerUser(caller, params.UserName);
    const members = user.accessKeys.map((key) =>
      [
        "<member>",
        element("UserName", user.name),
        element("AccessKeyId", key.accessKeyId),
        element("Status", key.status),
        element("CreateDate", key.createDate),
        "</member>",
      ].join(""),
    );
    return `${element("IsTruncated", false)}<AccessKeyMetadata>${members.join("")}</AccessKeyMetadata>`;
  },
};

export const deleteAccessKey: ActionSpec = {
  service: "iam",
  version: IAM_VERSION,
  run({ caller, params }) {
    const user = callerUser(caller, params.UserName);
    const id = params.AccessKeyId;
    if (!id)
      throw validationError(
        "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
      );
    const index = user.accessKeys.findIndex((key) => key.accessKeyId === id);
    if (index < 0) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
    user.accessKeys.splice(index, 1);
    return "";
  },
};
