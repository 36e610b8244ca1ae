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
/**
 * Python's whitespace (python-text.ts) then `[` at the start of a line. With the m flag, `^`
 * also matches after U+2028 and U+2029, which end no INI line: a false alarm there only costs
 * a whole parse, never a wrong answer.
 */
const INDENTED_HEADER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are the point
  /^[\t\v\f\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\[/m;

export interface Headers {
  /** Where each header line starts, in file order. */
  readonly starts: readonly number[];
  /** The header text of each (configparser's: from after `[` to the line's last `]`). */
  readonly names: readonly string[];
}

/** The header lines of `text`, or undefined when one of them is indented. */
export function findHeaders(text: string): Headers | undefined {
  const first = text.startsWith(BOM) ? 1 : 0;
  if (INDENTED_HEADER.test(first ? text.slice(first) : text)) return undefined;
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
    const lineStart = /[\r\n]\[/g;
    for (let match = lineStart.exec(text); match; match = lineStart.exec(text)) {
      consider(match.index + 1);
    }
  } else {
    for (let at = text.indexOf("\n["); at >= 0; at = text.indexOf("\n[", at + 2)) {
      consider(at + 1);
    }
  }
  return { starts, names };
}

const LINE_BODY = /[^\r\n]*/y;

/** Where the line that starts at `at` ends (before its line break, or at the end of text). */
export function lineEnd(text: string, at: number, hasCr = true): number {
  if (!hasCr) {
    const end = text.indexOf("\n", at);
    return end < 0 ? text.length : end;
  }
  // Not indexOf("\r"): in a file with one lone CR near its end, that would scan to it from
  // every line, quadratic in the file's size.
  LINE_BODY.lastIndex = at;
  LINE_BODY.exec(text);
  return LINE_BODY.lastIndex;
}
