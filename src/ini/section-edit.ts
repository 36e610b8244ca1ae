/**
 * setProfileKeys and deleteProfileKeys that parse only the sections they change. An edit of
 * one profile touches its own sections, so in an indexed file (profile-index.ts) each of them
 * is parsed and edited alone and spliced back between the untouched bytes around it; the
 * result is byte for byte what the editors give on the whole file (tests/ini/section-edit
 * compares them on random files). What an edit needs from the rest of the file is small: the
 * file's line ending (its first), the `k = v` style of its last key line, and, for a new
 * section, its last line. A file that is not indexed is edited whole.
 *
 * A login at 100,000 profiles wrote its session by parsing the 7 MB credentials file whole.
 */
import { deleteProfileKeys as deleteWhole } from "./delete.ts";
import { parseIni } from "./document.ts";
import { checkEntries, checkProfileName } from "./edit-input.ts";
import { lineEnd } from "./headers.ts";
import { DEFAULT_SPACING, keyBlocks, lastSpacing, type Spacing } from "./layout.ts";
import type { Chunk, ProfileIndex } from "./profile-index.ts";
import type { ProfileRef } from "./profiles.ts";
import { Rewrite } from "./rewrite.ts";
import { appendSection, setInSection, setProfileKeys as setWhole } from "./set-keys.ts";

/** setProfileKeys(index.text, ...) */
export function setProfileKeysIn(
  index: ProfileIndex,
  ref: ProfileRef,
  values: Readonly<Record<string, string>>,
): string {
  const { text } = index;
  const chunks = index.indexed ? index.chunksOf(ref.profile) : [];
  const count = index.sectionCount;
  if (ref.kind !== index.kind || count === 0) return setWhole(text, ref, values);
  checkProfileName(ref);
  checkEntries(ref, values);
  const entries = Object.entries(values);
  if (entries.length === 0) return text;
  const eol = fileEol(text);
  let style: Spacing | undefined;
  const fileStyle = () => {
    style ??= lastFileSpacing(index);
    return style;
  };
  if (chunks.length === 0) {
    // A new section after the last one: parse the last section, for the file's last line.
    const [start] = index.chunk(count - 1);
    const doc = parseIni(text.slice(start));
    const edit = new Rewrite(doc, eol);
    appendSection(doc, edit, ref, entries, fileStyle);
    return text.slice(0, start) + edit.render();
  }
  return splice(text, chunks, (section) => {
    const doc = parseIni(section);
    const edit = new Rewrite(doc, eol);
    setInSection(doc, edit, 0, entries, fileStyle);
    return edit.render();
  });
}

/**
 * deleteProfileKeys(index.text, ...) for each of `profiles` in turn, in one pass over the file
 * (logout --all of N sessions: one parse of each section and one splice, not N whole edits).
 */
export function deleteProfileKeysIn(
  index: ProfileIndex,
  profiles: readonly string[],
  keys: readonly string[],
): string {
  const { kind } = index;
  if (!index.indexed) {
    return profiles.reduce(
      (text, profile) => deleteWhole(text, { kind, profile }, keys),
      index.text,
    );
  }
  const doomed = new Set(keys.map((key) => key.toLowerCase()));
  const chunks = [...new Set(profiles)].flatMap((profile) => index.chunksOf(profile));
  chunks.sort((a, b) => a[0] - b[0]);
  return splice(index.text, chunks, (section) => {
    const doc = parseIni(section);
    const edit = new Rewrite(doc);
    for (const block of keyBlocks(doc, 0)) {
      if (doomed.has(block.line.key)) edit.remove(block.first, block.last);
    }
    return edit.render();
  });
}

/** `text` with each chunk (in file order) replaced by what `edit` makes of its text. */
function splice(text: string, chunks: readonly Chunk[], edit: (section: string) => string) {
  const parts: string[] = [];
  let done = 0;
  for (const [start, end] of chunks) {
    parts.push(text.slice(done, start), edit(text.slice(start, end)));
    done = end;
  }
  parts.push(text.slice(done));
  return parts.join("");
}

/** The file's line ending, as Rewrite takes it: that of its first line, else LF. */
function fileEol(text: string): "\n" | "\r\n" | "\r" {
  const at = lineEnd(text, 0); // text.search(/[\r\n]/), or the length when none
  if (at === text.length || text[at] === "\n") return "\n";
  return text[at + 1] === "\n" ? "\r\n" : "\r";
}

/** The style of the file's last key line with a value: sections from the last, until one has. */
function lastFileSpacing(index: ProfileIndex): Spacing {
  for (let i = index.sectionCount - 1; i >= 0; i--) {
    const doc = parseIni(index.text.slice(...index.chunk(i)));
    const found = lastSpacing(doc, 0, doc.lines.length);
    if (found) return found;
  }
  return DEFAULT_SPACING;
}
