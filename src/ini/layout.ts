/**
 * Where things are in a parsed document: the sections of a profile, a section's extent, its
 * key blocks (a key line with its continuation lines), and the spacing style of its keys.
 */
import type { IniDocument, IniLine } from "./document.ts";
import { type ProfileRef, profileNameOf } from "./profiles.ts";
import { firstNonSpace, pyLstrip, pyRstrip } from "./python-text.ts";

export type KeyLine = Extract<IniLine, { kind: "key" }>;

/** Lines first .. last (inclusive) hold one key and its value. */
export interface KeyBlock {
  readonly first: number;
  readonly last: number;
  readonly line: KeyLine;
}

/** Header line indices of every section that holds the profile (duplicates and aliases). */
export function profileSections(doc: IniDocument, ref: ProfileRef): number[] {
  const headers: number[] = [];
  doc.lines.forEach((line, index) => {
    if (line.kind !== "section" || line.header === "DEFAULT") return;
    if (profileNameOf(line.header, ref.kind) === ref.profile) headers.push(index);
  });
  return headers;
}

/** Index just past the section whose header is at `header`. */
export function sectionEnd(doc: IniDocument, header: number): number {
  for (let i = header + 1; i < doc.lines.length; i++) {
    if (doc.lines[i]!.kind === "section") return i;
  }
  return doc.lines.length;
}

export function keyBlocks(doc: IniDocument, header: number): KeyBlock[] {
  const blocks: KeyBlock[] = [];
  const blockOf = new Map<number, number>();
  const end = sectionEnd(doc, header);
  for (let i = header + 1; i < end; i++) {
    const line = doc.lines[i]!;
    if (line.kind === "key") {
      blockOf.set(i, blocks.length);
      blocks.push({ first: i, last: i, line });
    } else if (line.kind === "continuation") {
      const at = blockOf.get(line.owner)!;
      blocks[at] = { ...blocks[at]!, last: i };
    }
  }
  return blocks;
}

/** The section's last line that is not blank or a comment (the header if nothing else). */
export function lastContentLine(doc: IniDocument, header: number): number {
  for (let i = sectionEnd(doc, header) - 1; i > header; i--) {
    const kind = doc.lines[i]!.kind;
    if (kind !== "blank" && kind !== "comment") return i;
  }
  return header;
}

export function leadingSpace(text: string): string {
  const indent = firstNonSpace(text);
  return indent < 0 ? text : text.slice(0, indent);
}

/**
 * Whitespace copied into a written line keeps only spaces and tabs: Python and JavaScript agree
 * on those, while e.g. U+001C is whitespace to botocore but part of the key to the SDK.
 */
function isPlain(space: string): boolean {
  // /^[ \t]*$/, as a loop: a fresh login's edit runs it, and an expression compiles cold.
  for (let i = 0; i < space.length; i++) {
    const c = space.charCodeAt(i);
    if (c !== 0x20 && c !== 9) return false;
  }
  return true;
}

/** An indent of the same width (configparser counts characters), of spaces unless plain. */
export function plainIndent(indent: string): string {
  return isPlain(indent) ? indent : " ".repeat(indent.length);
}

function plainSpacing(space: string): string {
  return isPlain(space) ? space : " ";
}

/**
 * Indentation for key lines inserted after line `after`, chosen so that the inserted lines are
 * keys and every line below keeps its meaning: the indent the parser compares against there
 * (so no line below turns into, or stops being, a continuation), and when no value is open,
 * no shallower than the next header (which would otherwise continue the inserted value).
 */
export function insertionIndent(doc: IniDocument, after: number, nextHeader: number): string {
  const state = doc.lines[after]!;
  // The line that set the parser's indent: the last one that is neither a continuation nor
  // a blank or comment line (those inside a value do not count).
  let setter = after;
  while (setter > 0 && ["continuation", "blank", "comment"].includes(doc.lines[setter]!.kind)) {
    setter--;
  }
  const indent = plainIndent(doc.lines[setter]!.text.slice(0, state.level));
  if (state.openKey >= 0) return indent;
  const next = doc.lines[nextHeader];
  if (next === undefined) return indent;
  const nextIndent = plainIndent(leadingSpace(next.text));
  return nextIndent.length > indent.length ? nextIndent : indent;
}

export interface Spacing {
  readonly before: string;
  readonly after: string;
}

/**
 * Whitespace around the `=` of a key line; `after` is undefined without a value. For `k: v`,
 * which we rewrite as `=`, the space after the colon goes on both sides: `k = v`.
 */
export function spacingOf(line: KeyLine): { before: string; after: string | undefined } {
  const left = line.text.slice(0, line.delimiter);
  const right = line.text.slice(line.delimiter + 1);
  let before = plainSpacing(left.slice(pyRstrip(left).length));
  if (line.value === "") return { before, after: undefined };
  const after = plainSpacing(right.slice(0, right.length - pyLstrip(right).length));
  if (line.text[line.delimiter] === ":" && before === "") before = after;
  return { before, after };
}

/**
 * The `k = v` style for new key lines: that of the last key line with a value in the section,
 * else in the file, else ` = `.
 */
export function spacingStyle(doc: IniDocument, header?: number): Spacing {
  const inSection =
    header === undefined ? undefined : lastSpacing(doc, header, sectionEnd(doc, header));
  return inSection ?? lastSpacing(doc, 0, doc.lines.length) ?? DEFAULT_SPACING;
}

export const DEFAULT_SPACING: Spacing = { before: " ", after: " " };

export function lastSpacing(doc: IniDocument, from: number, to: number): Spacing | undefined {
  for (let i = to - 1; i >= from; i--) {
    const line = doc.lines[i]!;
    if (line.kind !== "key") continue;
    const { before, after } = spacingOf(line);
    if (after !== undefined) return { before, after };
  }
  return undefined;
}
