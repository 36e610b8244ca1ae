/**
 * The session a credentials-file section already holds (written by an earlier login, by
 * aws-mfa, or by a hand-written script), read from the files awsmfa has already loaded.
 * A valid one is reused like a cached session: no code, no network, no SDK.
 */
import { type ClockOffset, secondsLeftAt } from "../aws/clock-skew.ts";
import type { SessionCredentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { keyState, TOKEN_KEYS } from "../config/key-state.ts";
import { isoSeconds } from "../output/variables.ts";
import { parseExpiration } from "./expiration.ts";

/** The complete session in [profile] of the credentials file, expired or not. */
export function sessionInFile(
  files: Pick<AwsFiles, "credentials">,
  profile: string,
): SessionCredentials | undefined {
  const values = files.credentials.get(profile);
  const text = (key: string) => {
    const value = values?.[key];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const accessKeyId = text("aws_access_key_id");
  const secretAccessKey = text("aws_secret_access_key");
  // The first token key with a value (a loop: the cached fast path reads this, see words.ts).
  let sessionToken: string | undefined;
  for (const key of TOKEN_KEYS) sessionToken ??= text(key);
  const expiration = parseExpiration(text("expiration"));
  if (!accessKeyId || !secretAccessKey || !sessionToken || !expiration) return undefined;
  // AKIA keys with a stale token are long-term keys, not a session (see section-state.ts).
  if (keyState(accessKeyId, true) !== "session") return undefined;
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

export interface SessionPair {
  /** The profile the session is for. */
  profile: string;
  /** The profile whose long-term keys sign GetSessionToken. */
  longTerm: { profile: string };
}

/**
 * The file's session for a session profile, when it has more than `minRemainingSeconds` left.
 * A profile that holds its own long-term keys has no session in the file to reuse.
 */
export function reusableFileSession(
  files: AwsFiles,
  pair: SessionPair,
  minRemainingSeconds: number,
  now: number,
  clock?: ClockOffset | undefined,
): SessionCredentials | undefined {
  if (pair.longTerm.profile === pair.profile) return undefined;
  const found = sessionInFile(files, pair.profile);
  if (!found) return undefined;
  // `clock`: how far this computer's clock was off when AWS last answered (aws/clock-skew.ts).
  const session = clock ? { ...found, clock } : found;
  return secondsLeftAt(session, now) > minRemainingSeconds ? session : undefined;
}

/** True when [profile] already holds exactly this session (so there is nothing to write). */
export function fileHoldsSession(
  files: Pick<AwsFiles, "credentials">,
  profile: string,
  session: SessionCredentials,
): boolean {
  const held = sessionInFile(files, profile);
  const values = files.credentials.get(profile);
  return (
    held !== undefined &&
    held.accessKeyId === session.accessKeyId &&
    held.secretAccessKey === session.secretAccessKey &&
    values?.aws_session_token === session.sessionToken &&
    [undefined, session.sessionToken].includes(values?.aws_security_token as string | undefined) &&
    values?.expiration === isoSeconds(session.expiration)
  );
}
