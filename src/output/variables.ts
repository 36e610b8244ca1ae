/**
 * The variables a login sets, in the order they are printed. AWSMFA_EXPIRES (epoch seconds)
 * marks the keys as awsmfa's own and lets prompt hooks warn with shell arithmetic alone.
 */
import { localExpiration } from "../aws/clock-skew.ts";
import type { SessionCredentials } from "../aws/credentials.ts";

export const SESSION_VARIABLE_NAMES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWSMFA_EXPIRES",
] as const;

export interface SessionContext {
  profile: string;
  region: string | undefined;
}

export type Variables = ReadonlyArray<readonly [string, string]>;

export function sessionVariables(session: SessionCredentials, context: SessionContext): Variables {
  const vars: Array<readonly [string, string]> = [
    ["AWS_ACCESS_KEY_ID", session.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", session.secretAccessKey],
    ["AWS_SESSION_TOKEN", session.sessionToken],
    // By this computer's clock: the programs that read it compare it with that clock.
    ["AWS_CREDENTIAL_EXPIRATION", isoSeconds(localExpiration(session))],
    ["AWS_PROFILE", context.profile],
  ];
  if (context.region)
    vars.push(["AWS_REGION", context.region], ["AWS_DEFAULT_REGION", context.region]);
  vars.push(["AWSMFA_EXPIRES", String(Math.floor(localExpiration(session).getTime() / 1000))]);
  return vars;
}

/** The credential_process answer (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html). */
export function credentialProcessJson(session: SessionCredentials): string {
  return `${JSON.stringify({
    Version: 1,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: isoSeconds(localExpiration(session)),
  })}\n`;
}

/**
 * ISO-8601 UTC with Z and no milliseconds: 2026-11-21T09:41:00Z. (/\.\d{3}Z$/ replaced by "Z",
 * without a regular expression: every cached login prints one, and the first regular
 * expression a run executes costs it ~0.15 ms and 1.4 MiB, see docs/performance.md.)
 */
export function isoSeconds(date: Date): string {
  const iso = date.toISOString();
  const dot = iso.length - 5;
  return dot >= 0 && iso.charCodeAt(dot) === 46 && iso.endsWith("Z") && digits3(iso, dot + 1)
    ? `${iso.slice(0, dot)}Z`
    : iso;
}

function digits3(text: string, at: number): boolean {
  for (let i = at; i < at + 3; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x39)) return false;
  }
  return true;
}
