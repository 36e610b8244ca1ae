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
  if (indentedHeader(text, first)) return undefined;
  const hasCr = text.includes("\r");
  const starts: number[] = [];
  const names: string[] = [];
  const consider = (at: number) => {
    const end = lineEnd(text, at, hasCr);
    const close = text.lastIndexOf("]", end - 1);
    if (close < at + 2) return; // `[]` or no `]`: not a header, just an odd line
    starts.push(at);
    names.push(text.slice(at + 1, close));
  };
  if (text.charCodeAt(first) === 91) consider(first);
  if (hasCr) {
    // /[\r\n]\[/g: each `[` right after a CR or LF.
    for (let at = text.indexOf("[", first + 1); at >= 0; at = text.indexOf("[", at + 1)) {
      const before = text.charCodeAt(at - 1);
      if (before === 10 || before === 13) consider(at);
    }
  } else {
    for (let at = text.indexOf("\n["); at >= 0; at = text.indexOf("\n[", at + 2)) {
      consider(at + 1);
    }
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
 * Whether text[first..] has a line that starts with Python's whitespace (python-text.ts) and
 * then `[`: /^[\t\v\f\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\[/m.
 * The m flag's `^` also matches after U+2028 and U+2029, which end no INI line: a false alarm
 * there only costs a whole parse, never a wrong answer. Found from each `[` backwards over
 * its indent, so each character is looked at about once.
 */
function indentedHeader(text: string, first: number): boolean {
  for (let at = text.indexOf("[", first); at >= 0; at = text.indexOf("[", at + 1)) {
    let start = at;
    while (start > first && isIndent(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    // `^` before the indent: the start (after a byte-order mark) or after CR or LF.
    const before = start === first ? 10 : text.charCodeAt(start - 1);
    if (before === 10 || before === 13) return true;
    // `^` inside it: after a U+2028 or U+2029 with more indent before the `[`.
    for (let i = start; i < at - 1; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2028 || c === 0x2029) return true;
    }
  }
  return false;
}

/** Python's whitespace but CR and LF, which end the line. */
function isIndent(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || c === 9 || c === 11 || c === 12 || c >= 0x1c;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * The NAME of a `[profile NAME]` header that shlex splits into exactly those two words (the
 * usual header; profile-index.ts and the cached path's reader), else undefined:
 * /^profile ([^ \t\r\n'"\\]+)$/.
 */
export function plainProfileName(header: string): string | undefined {
  if (header.length < 9 || !header.startsWith("profile ")) return undefined;
  for (let i = 8; i < header.length; i++) {
    const c = header.charCodeAt(i);
    // space, tab, CR, LF, ' " and backslash
    if (c === 32 || c === 9 || c === 13 || c === 10 || c === 39 || c === 34 || c === 92) {
      return undefined;
    }
  }
  return header.slice(8);
}
