/**
 * setProfileKeys: the smallest text change that makes a profile read the given values.
 *
 * - A key already there is rewritten on its own line (its continuation lines go with it),
 *   keeping the line's indent and the spacing around `=`; the key takes the caller's spelling
 *   and `=` (the SDK reads neither `:` nor upper-case keys as botocore does). An inline
 *   `# comment` after the old value is part of that value for botocore, so it goes too.
 * - A missing key is added after the section's last key line (or other content), before the
 *   blank lines and comments that end the section, in the style of the section's keys.
 * - A missing profile is appended as a new section, after one blank line.
 * - A profile held by several sections (a repeated header, or aliases such as `[default]` and
 *   `[profile default]`) gets the values in every one of them: botocore keeps the last
 *   section, the SDK merges them or prefers `[profile default]`, and all of them must agree.
 */
import type { IniDocument } from "./document.ts";
import { parseIni } from "./document.ts";
import { checkEntries, checkProfileName } from "./edit-input.ts";
import {
  insertionIndent,
  type KeyBlock,
  keyBlocks,
  lastContentLine,
  lastSpacing,
  leadingSpace,
  plainIndent,
  profileSections,
  type Spacing,
  sectionEnd,
  spacingOf,
  spacingStyle,
} from "./layout.ts";
import type { ProfileRef } from "./profiles.ts";
import { Rewrite } from "./rewrite.ts";
import { shlexQuote } from "./shlex.ts";

export type Entries = ReadonlyArray<readonly [string, string]>;

export function setProfileKeys(
  text: string,
  ref: ProfileRef,
  values: Readonly<Record<string, string>>,
): string {
  checkProfileName(ref);
  checkEntries(ref, values);
  const entries = Object.entries(values);
  if (entries.length === 0) return text;
  const doc = parseIni(text);
  const edit = new Rewrite(doc);
  const headers = profileSections(doc, ref);
  for (const header of headers) setInSection(doc, edit, header, entries);
  if (headers.length === 0) appendSection(doc, edit, ref, entries);
  return edit.render();
}

/**
 * `fileStyle`: the `k = v` style of the whole file, for a section without one of its own
 * (section-edit.ts passes it when `doc` is one section of the file).
 */
export function setInSection(
  doc: IniDocument,
  edit: Rewrite,
  header: number,
  entries: Entries,
  fileStyle?: () => Spacing,
): void {
  const blocks = keyBlocks(doc, header);
  const missing: Array<readonly [string, string]> = [];
  for (const [key, value] of entries) {
    const matching = blocks.filter((block) => block.line.key === key.toLowerCase());
    if (matching.length === 0) missing.push([key, value]);
    for (const block of matching) {
      edit.replace(block.first, block.last, [
        { text: rewrittenKeyLine(block, key, value), eol: doc.lines[block.last]!.eol },
      ]);
    }
  }
  if (missing.length === 0) return;
  const after = lastContentLine(doc, header);
  const end = sectionEnd(doc, header);
  const indent = insertionIndent(doc, after, end);
  const style = fileStyle
    ? (lastSpacing(doc, header, end) ?? fileStyle())
    : spacingStyle(doc, header);
  edit.insertAfter(
    after,
    missing.map(([key, value]) => keyLine(indent, key, value, style)),
  );
}

function rewrittenKeyLine(block: KeyBlock, key: string, value: string): string {
  const { before, after } = spacingOf(block.line);
  return `${plainIndent(leadingSpace(block.line.text))}${key}${before}=${after ?? before}${value}`;
}

function keyLine(indent: string, key: string, value: string, style: Spacing): string {
  return `${indent}${key}${style.before}=${style.after}${value}`;
}

/** `doc`: the whole file, or its last section (with the file's `fileStyle`). */
export function appendSection(
  doc: IniDocument,
  edit: Rewrite,
  ref: ProfileRef,
  entries: Entries,
  fileStyle?: () => Spacing,
) {
  const last = doc.lines[doc.lines.length - 1];
  const separator = last !== undefined && last.kind !== "blank" ? [""] : [];
  const style = fileStyle ? fileStyle() : spacingStyle(doc);
  edit.append([
    ...separator,
    `[${headerFor(ref)}]`,
    ...entries.map(([key, value]) => keyLine("", key, value, style)),
  ]);
}

function headerFor(ref: ProfileRef): string {
  if (ref.kind === "credentials" || ref.profile === "default") return ref.profile;
  return `profile ${shlexQuote(ref.profile)}`;
}
