/**
 * Removing keys and profiles. Like setProfileKeys, these act on every section that holds the
 * profile, so no stale copy is left for some reader to find.
 */

import { printableInLine } from "../system/printable.ts";
import { type IniDocument, parseIni } from "./document.ts";
import { IniEditError } from "./edit-input.ts";
import { keyBlocks, lastContentLine, profileSections, sectionEnd } from "./layout.ts";
import type { ProfileRef } from "./profiles.ts";
import { Rewrite } from "./rewrite.ts";

/** Remove the lines of these keys (and their continuation lines); all else stays. */
export function deleteProfileKeys(text: string, ref: ProfileRef, keys: readonly string[]): string {
  const doomed = new Set(keys.map((key) => key.toLowerCase()));
  const doc = parseIni(text);
  const edit = new Rewrite(doc);
  for (const header of profileSections(doc, ref)) {
    for (const block of keyBlocks(doc, header)) {
      if (doomed.has(block.line.key)) edit.remove(block.first, block.last);
    }
  }
  return edit.render();
}

/**
 * Remove the profile's sections: each header with its keys and the comments between them, and
 * the blank lines after them. Comments after the last key stay (they usually introduce the
 * next section), as do comments above the header (they may close the previous one).
 */
export function deleteProfile(text: string, ref: ProfileRef): string {
  const doc = parseIni(text);
  const edit = new Rewrite(doc);
  const removed = new Set<number>();
  for (const header of profileSections(doc, ref)) {
    const [first, last] = removedRange(doc, header);
    edit.remove(first, last);
    for (let i = first; i <= last; i++) removed.add(i);
  }
  const result = edit.render();
  checkHeadersKept(doc, removed, result, ref);
  return result;
}

function removedRange(doc: IniDocument, header: number): [number, number] {
  const end = sectionEnd(doc, header);
  let last = lastContentLine(doc, header);
  while (last + 1 < end && doc.lines[last + 1]!.kind === "blank") last++;
  let first = header;
  // The file's last section: the blank lines that separated it from the one before go too.
  if (last + 1 === doc.lines.length) {
    while (first > 0 && doc.lines[first - 1]!.kind === "blank") first--;
  }
  return [first, last];
}

/**
 * A header indented deeper than the last key of the section above it reads as a continuation
 * of that key once the sections in between are gone. Refuse rather than change its meaning.
 */
function checkHeadersKept(
  doc: IniDocument,
  removed: ReadonlySet<number>,
  result: string,
  ref: ProfileRef,
): void {
  const before = doc.lines.flatMap((line, i) =>
    line.kind === "section" && !removed.has(i) ? [line.header] : [],
  );
  const after = parseIni(result).lines.flatMap((line) =>
    line.kind === "section" ? [line.header] : [],
  );
  if (before.length === after.length && before.every((header, i) => header === after[i])) return;
  throw new IniEditError(
    `Cannot remove profile ${printableInLine(ref.profile)}: a section header after it is indented, and would ` +
      "become part of the section above.",
    "Remove the indentation before that [section] line, then try again.",
  );
}
