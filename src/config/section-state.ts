/**
 * What a credentials-file section holds: nothing, a session (a key id with a token), or
 * long-term keys (a key id without a token). Long-term keys are never a write target
 * (DESIGN.md, "The user's files are sacred"), so writers decide this on the text they are
 * about to change, under the file's lock, and section by section: a profile whose header
 * appears twice is edited in both places, so either one holding long-term keys forbids it.
 */
import { parseIni, profileIndex } from "../ini/index.ts";
import { keyBlocks, profileSections } from "../ini/layout.ts";

export type SectionState = "none" | "session" | "long-term";

/** The keys that make a section a session; aws-mfa also writes the old aws_security_token. */
export const TOKEN_KEYS = ["aws_session_token", "aws_security_token"] as const;

/** Every key a session consists of, as written to (and removed from) a section. */
export const SESSION_KEYS = [
  "aws_access_key_id",
  "aws_secret_access_key",
  ...TOKEN_KEYS,
  "expiration",
] as const;

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
    // Every aws_access_key_id line counts, not only the first: a duplicate key or a value on a
    // continuation line is still a key a writer would overwrite or delete.
    const holdsAkia = blocks.some(
      (block) =>
        block.line.key === "aws_access_key_id" &&
        doc.lines
          .slice(block.first, block.last + 1)
          .some((line) => "value" in line && isLongTermKeyId(line.value)),
    );
    const one = holdsAkia ? "long-term" : stateOfKeys((key) => present.has(key));
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

function stateOfKeys(has: (key: string) => boolean): SectionState {
  if (!has("aws_access_key_id")) return "none";
  return TOKEN_KEYS.some(has) ? "session" : "long-term";
}
