/** What an action handler gets, and what every handler shares: MFA checks and credentials XML. */
import { invalidMfaCode, unknownMfaSerial } from "../aws-error.ts";
import type { Caller, FakeUser, IssuedSession } from "../types.ts";
import type { FakeWorld } from "../world.ts";
import { element, type Service } from "../xml.ts";

export interface ActionContext {
  world: FakeWorld;
  caller: Caller;
  params: Readonly<Record<string, string>>;
  /** Server clock, ms since epoch. */
  now: number;
  /** When set, sessions expire this many seconds after issue, whatever was asked. */
  sessionLifetimeOverrideSeconds: number | undefined;
}

export interface ActionSpec {
  service: Service;
  /** The API version the action belongs to (the request's Version must match). */
  version: string;
  /** Answers the inner XML of <ActionResult>, or throws an AwsError. */
  run(context: ActionContext): string;
}

export const STS_VERSION = "2011-06-15";
export const IAM_VERSION = "2010-05-08";

/**
 * Checks an MFA code against a device of `user` (undefined for role sessions, which own no
 * devices) and burns the code. Throws AWS's two different AccessDenied answers.
 */
export function verifyMfa(
  context: ActionContext,
  user: FakeUser | undefined,
  serialNumber: string,
  tokenCode: string,
): void {
  const device = user?.devices.find((d) => d.serial === serialNumber);
  if (!device) throw unknownMfaSerial();
  if (!context.world.acceptCode(device, tokenCode, context.now)) throw invalidMfaCode();
}

/** When a session asked to last `seconds` ends, on whole seconds like AWS's answers. */
export function sessionEnd(context: ActionContext, seconds: number): number {
  const lifetime = context.sessionLifetimeOverrideSeconds ?? seconds;
  return Math.floor(context.now / 1000) * 1000 + lifetime * 1000;
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function credentialsXml(session: IssuedSession): string {
  return [
    "<Credentials>",
    element("AccessKeyId", session.accessKeyId),
    element("SecretAccessKey", session.secretAccessKey),
    element("SessionToken", session.sessionToken),
    element("Expiration", isoSeconds(session.expiresAt)),
    "</Credentials>",
  ].join("");
}
