/**
 * Reading sections the way read.ts does, without the lossless tokens, for the sections nearly
 * every generated file consists of: printable ASCII and LF only, no line indented. There no
 * line can continue a value (a continuation must be indented), Python's whitespace is the
 * space alone, and configparser's rules shrink to: `#`/`;` lines are comments, a line splits
 * at its first `=` or `:`, the key is right-stripped and lower-cased, the value stripped, the
 * last value of a key wins. `list` at 100,000 profiles reads every section: this is ~10x
 * faster than parseIni + readSections, and builds no object per line.
 *
 * Anything else (a tab, CR, non-ASCII, an indented line) makes a section "odd", and its
 * profile is read by the full parser instead. tests/ini/profile-index.test.ts compares both.
 */
import type { IniValues } from "./read.ts";

/** The byte-order mark, which readers skip at the start of a text. */
export const BOM = "\uFEFF";

/** What makes a section odd: a character outside printable ASCII and LF, or an indented line. */
const ODD = /[^\n\x20-\x7e]|\n /g;

/**
 * Whether text[start, end) holds an odd spot, by looking at that range alone: ODD as a loop,
 * since the cached login asks this of its sections and runs no regular expression (the first
 * one costs it ~0.15 ms and 1.4 MiB: docs/performance.md).
 */
export function oddWithin(text: string, start: number, end: number): boolean {
  const stop = Math.min(end, text.length);
  for (let i = Math.max(start, 0); i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (i + 1 < stop && text.charCodeAt(i + 1) === 32) return true;
    } else if (c < 0x20 || c > 0x7e) return true;
  }
  return false;
}

/**
 * Whether the whole text holds an odd spot: oddWithin(text, 0, text.length), in two native
 * scans (a character class alone, and "\n ") that are ~5x faster on 12 MB than the one.
 */
export function oddAnywhere(text: string): boolean {
  return text.includes("\n ") || /[^\n\x20-\x7e]/.test(text);
}

/**
 * oddAnywhere's answer for the text with its CRLFs read as LFs and without a byte-order mark
 * at its start (which every reader skips), in native scans that are together ~4x faster on
 * 12 MB than its character class, for a reader that counts the line breaks anyway
 * (key-scan.ts): a first look before it reads (mayBePlain), and the answer once it knows how
 * many characters the line breaks have, LFs and the CRs before them (plainGiven).
 * Why it holds: ASCII is what Buffer.byteLength counts one byte per character for (the mark,
 * U+FEFF, three); of ASCII, Bun.stringWidth gives 1 to each of \x20-\x7e and 0 to the rest
 * (and to what follows an ESC), and 0 to the mark, so the width is the length less the line
 * breaks' characters (and the mark) exactly when nothing else is there.
 * tests/ini/simple-read.test.ts holds the two to the regular expression.
 */
export function mayBePlain(text: string): boolean {
  // A tab, the odd character most often met, is ruled out here, before anything is read.
  return (
    !text.includes("\n ") &&
    !text.includes("\t") &&
    Buffer.byteLength(text, "utf8") === text.length + (text.startsWith(BOM) ? 2 : 0)
  );
}

/**
 * Given mayBePlain(text) and the characters of its line breaks (LFs, and CRs before them):
 * !oddAnywhere(text with each CRLF read as LF, without a byte-order mark at its start).
 */
export function plainGiven(text: string, lineBreaks: number): boolean {
  const bom = text.startsWith(BOM) ? 1 : 0;
  if (typeof Bun === "undefined") return !oddAnywhere(text.slice(bom).replaceAll("\r\n", "\n"));
  return Bun.stringWidth(text) === text.length - lineBreaks - bom;
}

/**
 * Positions of odd spots in `text`, ascending, to ask of a range whether it has one: one scan
 * of the file (~5 ms per 7 MB), for readers that ask about many sections.
 */
export class OddSpots {
  private readonly at: number[] = [];

  constructor(text: string) {
    ODD.lastIndex = 0;
    for (let match = ODD.exec(text); match; match = ODD.exec(text)) this.at.push(match.index);
  }

  /** Whether text[start, end) holds an odd spot. */
  within(start: number, end: number): boolean {
    const { at } = this;
    let low = 0;
    let high = at.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (at[mid]! < start) low = mid + 1;
      else high = mid;
    }
    return low < at.length && at[low]! < end;
  }
}

/**
 * Each key line of a simple section text[start, end) (its header line first), in order: the
 * key in lower case and the value, both trimmed as configparser trims them. Comments, blank
 * lines and lines without `=` or `:` are skipped.
 */
export function eachSimpleLine(
  text: string,
  start: number,
  end: number,
  visit: (key: string, value: string) => void,
): void {
  let at = text.indexOf("\n", start);
  if (at < 0 || at >= end) return;
  for (at++; at < end; ) {
    let stop = text.indexOf("\n", at);
    if (stop < 0 || stop > end) stop = end;
    const first = text.charCodeAt(at);
    // blank (""), comment (# or ;); everything else is a key line or an invalid one
    if (stop > at && first !== 35 && first !== 59) {
      const line = text.slice(at, stop);
      const equals = line.indexOf("=");
      const colon = line.indexOf(":");
      const split = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
      if (split >= 0) {
        const key = line.slice(0, split).trimEnd().toLowerCase();
        if (key !== "") visit(key, line.slice(split + 1).trim());
      }
    }
    at = stop + 1;
  }
}

/**
 * Adds the keys of the simple section text[start, end) (its first line is the header) to
 * `values`: later keys win, a key keeps its first position, as read.ts merges repeated sections.
 */
export function readSimpleSection(
  text: string,
  start: number,
  end: number,
  values: Record<string, string>,
): void {
  eachSimpleLine(text, start, end, (key, value) => {
    values[key] = value;
  });
}

/** `own` sections read as one section, with the keys of `defaults` it lacks (configparser). */
export function readSimpleProfile(
  text: string,
  own: readonly (readonly [number, number])[],
  defaults: Readonly<Record<string, string>> | undefined,
): IniValues {
  const values: Record<string, string> = Object.create(null);
  for (const [start, end] of own) readSimpleSection(text, start, end, values);
  if (defaults) for (const key in defaults) if (!(key in values)) values[key] = defaults[key]!;
  return values;
}
