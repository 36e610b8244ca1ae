/**
 * The section finder: where the `[header]` lines of a file are, found without reading the
 * lines in between, so that a file of 100,000 profiles is split into its sections in a few
 * milliseconds (profile-index.ts parses only the sections it is asked for).
 *
 * A header found here is what document.ts's classify calls one: a line that starts with `[` at
 * column 0 and has a `]` after its first character. Such a line always starts a section and
 * resets configparser's state, so the file splits at these lines into chunks that parse on
 * their own as they do in the whole file. A header after Python whitespace (an indented one)
 * may instead continue a value, so for a file with one this gives undefined: read it whole.
 */
import { isWideSpace } from "./wide-space.ts";

const BOM = "\uFEFF";

/*
 * No regular expressions here: the cached login finds its sections with this module, and the
 * first regular expression a run executes costs it ~0.15 ms and 1.4 MiB (docs/performance.md).
 * The rules are those of the expressions named in the comments, which the tests keep as oracles.
 */

export interface Headers {
  /** Where each header line starts, in file order. */
  readonly starts: readonly number[];
  /** The header text of each (configparser's: from after `[` to the line's last `]`). */
  readonly names: readonly string[];
}

/** The header lines of `text`, or undefined when one of them is indented. */
export function findHeaders(text: string): Headers | undefined {
  const first = text.startsWith(BOM) ? 1 : 0;
  const hasCr = text.includes("\r");
  const starts: number[] = [];
  const names: string[] = [];
  // One pass over the `[`s, each looked at once: a header's where it starts a line (the text's
  // start or after CR or LF: /[\r\n]\[/g), an indented header's where only indent lies
  // between it and a line's start (INDENTED, below), else nothing.
  for (let at = text.indexOf("[", first); at >= 0; at = text.indexOf("[", at + 1)) {
    const before = at === first ? 10 : text.charCodeAt(at - 1);
    if (before === 10 || before === 13) {
      const close = text.lastIndexOf("]", lineEnd(text, at, hasCr) - 1);
      if (close < at + 2) continue; // `[]` or no `]`: not a header, just an odd line
      starts.push(at);
      names.push(text.slice(at + 1, close));
    } else if (isIndent(before) && indentedAt(text, at, first)) return undefined;
  }
  return { starts, names };
}

/** Where the line that starts at `at` ends (before its line break, or at the end of text). */
export function lineEnd(text: string, at: number, hasCr = true): number {
  if (!hasCr) {
    const end = text.indexOf("\n", at);
    return end < 0 ? text.length : end;
  }
  // Not indexOf("\r"): in a file with one lone CR near its end, that would scan to it from
  // every line, quadratic in the file's size. /[^\r\n]*/y from `at`.
  let end = at;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
  }
  return end;
}

/**
 * INDENTED: /^[\t\v\f\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\[/m
 * on text[first..], Python's whitespace (python-text.ts) but line ends, then `[` at the start
 * of a line. The m flag's `^` also matches after U+2028 and U+2029, which end no INI line: a
 * false alarm there only costs a whole parse, never a wrong answer. Whether it matches at the
 * `[` at `at`, which follows an indent character: found backwards over the indent.
 */
function indentedAt(text: string, at: number, first: number): boolean {
  let start = at - 1;
  while (start > first && isIndent(text.charCodeAt(start - 1))) start--;
  // `^` before the indent: the start (after a byte-order mark) or after CR or LF.
  const before = start === first ? 10 : text.charCodeAt(start - 1);
  if (before === 10 || before === 13) return true;
  // `^` inside it: after a U+2028 or U+2029 with more indent before the `[`.
  for (let i = start; i < at - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** Python's whitespace but CR and LF, which end the line. */
function isIndent(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || c === 9 || c === 11 || c === 12 || c >= 0x1c;
  if (c < 0x85) return false;
  // NEL counts as a space in Python, not in JavaScript.
  return c === 0x85 || isWideSpace(c);
}

/**
 * The NAME of a `[profile NAME]` header that shlex splits into exactly those two words (the
 * usual header; profile-index.ts and the cached path's reader), else undefined:
 * /^profile ([^ \t\r\n'"\\]+)$/. `spacesOnly`: the caller knows the header has none of those
 * characters but the space (a header of a text without shlexMarks), so one native search
 * decides; a loop over each header's characters, run cold, costs a cached login ~16 ms at
 * 50,000 config profiles.
 */
export function plainProfileName(header: string, spacesOnly = false): string | undefined {
  if (header.length < 9 || !header.startsWith("profile ")) return undefined;
  if (spacesOnly) return header.indexOf(" ", 8) < 0 ? header.slice(8) : undefined;
  for (let i = 8; i < header.length; i++) {
    const c = header.charCodeAt(i);
    // space, tab, CR, LF, ' " and backslash
    if (c === 32 || c === 9 || c === 13 || c === 10 || c === 39 || c === 34 || c === 92) {
      return undefined;
    }
  }
  return header.slice(8);
}

/**
 * Whether `text` has a tab, a quote or a backslash: with the space (and the line ends, which
 * no header found here holds), what can make a header need shlex. Four native searches.
 */
export function shlexMarks(text: string): boolean {
  return text.includes("\t") || text.includes("'") || text.includes('"') || text.includes("\\");
}
