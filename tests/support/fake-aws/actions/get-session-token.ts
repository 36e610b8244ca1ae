/**
 * STS GetSessionToken: long-term keys (plus, usually, an MFA code) in, a session out.
 * Root sessions are silently capped at one hour, as AWS documents.
 */
import { accessDenied } from "../aws-error.ts";
import { checkMfaMembers, Validator } from "../validation.ts";
import { type ActionSpec, credentialsXml, STS_VERSION, sessionEnd, verifyMfa } from "./context.ts";

const DEFAULT_SECONDS = 43200;
const ROOT_MAX_SECONDS = 3600;

export const getSessionToken: ActionSpec = {
  service: "sts",
  version: STS_VERSION,
  run(context) {
    const { DurationSeconds, SerialNumber, TokenCode } = context.params;
    const v = new Validator();
    const duration = v.integer("durationSeconds", DurationSeconds, 900, 129600);
    checkMfaMembers(v, SerialNumber, TokenCode);
    v.done();

    const { caller } = context;
    if (caller.session || caller.identity.kind !== "user") {
      throw accessDenied("Cannot call GetSessionToken with session credentials");
    }
    const user = caller.identity.user;
    const mfa = SerialNumber !== undefined && TokenCode !== undefined;
    if (mfa) verifyMfa(context, user, SerialNumber, TokenCode);

    let seconds = duration ?? (user.root ? ROOT_MAX_SECONDS : DEFAULT_SECONDS);
    if (user.root) seconds = Math.min(seconds, ROOT_MAX_SECONDS);
    const session = context.world.issueSession(
      caller.identity,
      mfa,
      caller.partition,
      sessionEnd(context, seconds),
    );
    return credentialsXml(session);
  },
};
