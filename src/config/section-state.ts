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
import type { ProfileIndex } from "../ini/profile-index.ts";
import { eachSimpleLine } from "../ini/simple-read.ts";
import { type KeyState, keyStateForWriting, TOKEN_KEYS } from "./key-state.ts";

/** The state of a credentials-file section, as writers decide it (keyStateForWriting). */
export type SectionState = KeyState;

/** The state of a profile in credentials-file text: the strongest over all its sections. */
export function sectionState(text: string | null, profile: string): SectionState {
  if (text === null) return "none";
  const index = profileIndex(text, "credentials");
  return simpleSectionState(index, profile) ?? parsedSectionState(index, profile);
}

/**
 * sectionState of simple sections (ini/simple-read.ts: no continuation lines, so a key's
 * value is its line's), from their key lines as the index reads them; undefined when one is
 * not simple. A fresh login decides on [PROFILE] before its call: the lossless parser's first
 * run, cold, then comes in the edit's rehearsal while AWS answers (write-session.ts).
 */
function simpleSectionState(index: ProfileIndex, profile: string): SectionState | undefined {
  const chunks = index.simpleChunksOf(profile);
  if (chunks === undefined) return undefined;
  let state: SectionState = "none";
  for (const [start, end] of chunks) {
    const ids: string[] = [];
    let hasToken = false;
    eachSimpleLine(index.text, start, end, (key, value) => {
      if (value === "") return;
      if (key === "aws_access_key_id") ids.push(value);
      else if (key === TOKEN_KEYS[0] || key === TOKEN_KEYS[1]) hasToken = true;
    });
    // As below: any long-term id refuses; else the section's first id says what it holds.
    let first: SectionState | undefined;
    for (const id of ids) {
      const one = keyStateForWriting(id, hasToken);
      if (one === "long-term") return one;
      first ??= one;
    }
    if (first === "session") state = first;
  }
  return state;
}

/** sectionState by the lossless parser: continuation lines, CRLF, any odd section. */
function parsedSectionState(index: ProfileIndex, profile: string): SectionState {
  // Only the profile's own sections, which read as they do in the whole file (profile-index.ts).
  const doc = parseIni(index.sectionsText(profile));
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
