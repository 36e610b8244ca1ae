/**
 * Whether keys are long-term keys or a session: the one rule, keyState, and its write-safety
 * variant, keyStateForWriting. Pure and free of the INI parser (section-state.ts applies it to
 * a file's sections), so that the cached fast path can use it.
 */
import { isTemporaryKeyId } from "../aws/credentials.ts";

export type KeyState = "none" | "session" | "long-term";
/** The keys that make a section a session; aws-mfa also writes the old aws_security_token. */
export const TOKEN_KEYS = ["aws_session_token", "aws_security_token"] as const;

/** Every key a session consists of, as written to (and removed from) a section. */
export const SESSION_KEYS = [
  "aws_access_key_id",
  "aws_secret_access_key",
  ...TOKEN_KEYS,
  "expiration",
] as const;

/**
 * What keys are, for readers (which profile holds long-term keys, what a profile is in the
 * list): none without a key id; long-term for an IAM user's id (AKIA..., whatever token sits
 * beside it); a session with a token, or with a temporary id (ASIA...) even when someone
 * copied it without its token; else long-term.
 */
export function keyState(keyId: string | undefined, hasToken: boolean): KeyState {
  if (!keyId) return "none";
  if (isLongTermKeyId(keyId)) return "long-term";
  return hasToken || isTemporaryKeyId(keyId.trim()) ? "session" : "long-term";
}

/**
 * keyState for a writer about to replace or remove keys: a key id without a token is
 * long-term even when it reads ASIA... A reader that guesses wrong skips a profile; a writer
 * that guesses wrong destroys a secret key that cannot be recovered.
 */
export function keyStateForWriting(keyId: string | undefined, hasToken: boolean): KeyState {
  const state = keyState(keyId, hasToken);
  return state === "session" && !hasToken ? "long-term" : state;
}

/**
 * An IAM user's access key id (AKIA...; ASIA... are session keys): whatever else the section
 * holds (a stale aws_session_token, aws-mfa's aws_security_token), a lost secret key cannot be
 * recovered, so such a section is never overwritten or emptied. (/^\s*AKIA/: trimStart() drops
 * what \s matches; no regular expression on the cached path, see docs/performance.md.)
 */
export function isLongTermKeyId(keyId: string | undefined): boolean {
  return (keyId ?? "").trimStart().startsWith("AKIA");
}
