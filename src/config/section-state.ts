/**
 * Whether a profile's keys are long-term keys or a session: the one rule, keyState, and its
 * write-safety variant, keyStateForWriting.
 *
 * Long-term keys are never a write target (DESIGN.md, "The user's files are sacred"), so
 * writers decide on the text they are about to change, under the file's lock, and section by
 * section (sectionState): a profile whose header appears twice is edited in both places, so
 * either one holding long-term keys forbids it.
 */
import { isTemporaryKeyId } from "../aws/credentials.ts";
import { parseIni, profileIndex } from "../ini/index.ts";
import { type KeyBlock, keyBlocks, profileSections } from "../ini/layout.ts";

export type KeyState = "none" | "session" | "long-term";
/** The state of a credentials-file section, as writers decide it (keyStateForWriting). */
export type SectionState = KeyState;

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

/** The state of a profile in credentials-file text: the strongest over all its sections. */
export function sectionState(text: string | null, profile: string): SectionState {
  if (text === null) return "none";
  // Only the profile's own sections, which read as they do in the whole file (profile-index.ts).
  const doc = parseIni(profileIndex(text, "credentials").sectionsText(profile));
  let state: SectionState = "none";
  for (const header of profileSections(doc, { kind: "credentials", profile })) {
    const blocks = keyBlocks(doc, header).filter(
      (block) => block.line.value !== "" || block.last > block.first,
    );
    const present = new Set(blocks.map((block) => block.line.key));
    const hasToken = TOKEN_KEYS.some((key) => present.has(key));
    // Every aws_access_key_id line counts, not only the first: a repeated key is still a key a
    // writer would overwrite or delete (issue 11 item 7). A value may start on a continuation
    // line: `aws_access_key_id =` then `  AKIA...`.
    const states = blocks
      .filter((block) => block.line.key === "aws_access_key_id")
      .map((block) => keyStateForWriting(valueText(doc, block), hasToken));
    const one = states.includes("long-term") ? "long-term" : (states[0] ?? "none");
    if (one === "long-term") return one;
    if (one === "session") state = one;
  }
  return state;
}

/**
 * An IAM user's access key id (AKIA...; ASIA... are session keys): whatever else the section
 * holds (a stale aws_session_token, aws-mfa's aws_security_token), a lost secret key cannot be
 * recovered, so such a section is never overwritten or emptied.
 */
export function isLongTermKeyId(keyId: string | undefined): boolean {
  return /^\s*AKIA/.test(keyId ?? "");
}

/** A key's value with its continuation lines, as one string ("" when it has none). */
function valueText(doc: ReturnType<typeof parseIni>, block: KeyBlock): string {
  const parts = [block.line.value];
  for (let i = block.first + 1; i <= block.last; i++) {
    const line = doc.lines[i]!;
    if (line.kind === "continuation") parts.push(line.value);
  }
  return parts.filter(Boolean).join("\n");
}
