/**
 * STS AssumeRole. Every role trusts every principal of its partition (the fake has no
 * policies), except that ExternalId must match when the role has one and requireMfa roles
 * need MFA: from the calling session, or a SerialNumber + TokenCode on this call. Denials use
 * AWS's one generic message, as AWS does. Role chaining is limited to one hour.
 */
import { accessDenied, notAuthorized, validationError } from "../aws-error.ts";
import { identityArn } from "../identity.ts";
import { checkMfaMembers, Validator } from "../validation.ts";
import { element } from "../xml.ts";
import { type ActionSpec, credentialsXml, STS_VERSION, sessionEnd, verifyMfa } from "./context.ts";

const DEFAULT_SECONDS = 3600;
const CHAINING_MAX_SECONDS = 3600;

export const assumeRole: ActionSpec = {
  service: "sts",
  version: STS_VERSION,
  run(context) {
    const { RoleArn, RoleSessionName, DurationSeconds, ExternalId, SerialNumber, TokenCode } =
      context.params;
    const v = new Validator();
    v.required("roleArn", RoleArn).length("roleArn", RoleArn, 20, 2048);
    v.required("roleSessionName", RoleSessionName)
      .length("roleSessionName", RoleSessionName, 2, 64)
      .pattern("roleSessionName", RoleSessionName, "[\\w+=,.@-]*", /^[\w+=,.@-]*$/);
    const duration = v.integer("durationSeconds", DurationSeconds, 900, 43200);
    v.length("externalId", ExternalId, 2, 1224).pattern(
      "externalId",
      ExternalId,
      "[\\w+=,.@:\\/-]*",
      /^[\w+=,.@:/-]*$/,
    );
    checkMfaMembers(v, SerialNumber, TokenCode);
    v.done();
    // Validated above; narrowed here for the type checker.
    if (RoleArn === undefined || RoleSessionName === undefined) return "";

    const { caller } = context;
    const callerUser = caller.identity.kind === "user" ? caller.identity.user : undefined;
    if (callerUser?.root) throw accessDenied("Roles may not be assumed by root accounts.");
    // The code is checked (and used up) before the trust decision, as a login is.
    let mfa = caller.mfa;
    if (SerialNumber !== undefined && TokenCode !== undefined) {
      verifyMfa(context, callerUser, SerialNumber, TokenCode);
      mfa = true;
    }

    const role = context.world.roleByArn(RoleArn);
    const denied = notAuthorized(identityArn(caller.identity), "sts:AssumeRole", RoleArn);
    if (!role || role.partition !== caller.partition) throw denied;
    if (role.externalId !== undefined && ExternalId !== role.externalId) throw denied;
    if (role.requireMfa && !mfa) throw denied;

    const seconds = duration ?? DEFAULT_SECONDS;
    if (caller.identity.kind === "role" && seconds > CHAINING_MAX_SECONDS) {
      throw validationError(
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      );
    }
    if (seconds > role.maxSessionDuration) {
      throw validationError(
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      );
    }
    const identity = { kind: "role", role, sessionName: RoleSessionName } as const;
    const session = context.world.issueSession(
      identity,
      mfa,
      caller.partition,
      sessionEnd(context, seconds),
    );
    return [
      credentialsXml(session),
      "<AssumedRoleUser>",
      element("AssumedRoleId", `${role.roleId}:${RoleSessionName}`),
      element("Arn", identityArn(identity)),
      "</AssumedRoleUser>",
    ].join("");
  },
};
