/**
 * Whether a profile's section in the credentials file holds long-term keys or a session, as a
 * writer decides it (the rule itself is key-state.ts's).
 *
 * Long-term keys are never a write target (DESIGN.md, "The user's files are sacred"), so
 * writers decide on the text they are about to change, under the file's lock, and section by
 * section (sectionState): a profile whose header appears twice is edited in both places, so
 * either one holding long-term keys forbids it.
 */
import { parseIni, profileIndex } from "../ini/index.ts";
import { type KeyBlock, keyBlocks, profileSections } from "../ini/layout.ts";
import { type KeyState, keyStateForWriting, TOKEN_KEYS } from "./key-state.ts";

/** The state of a credentials-file section, as writers decide it (keyStateForWriting). */
export type SectionState = KeyState;

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

/** A key's value with its continuation lines, as one string ("" when it has none). */
function valueText(doc: ReturnType<typeof parseIni>, block: KeyBlock): string {
  const parts = [block.line.value];
  for (let i = block.first + 1; i <= block.last; i++) {
    const line = doc.lines[i]!;
    if (line.kind === "continuation") parts.push(line.value);
  }
  return parts.filter(Boolean).join("\n");
}
