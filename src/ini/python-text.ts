/**
 * Python's idea of whitespace and line breaks, which botocore's configparser uses when it
 * strips lines, keys and values. JavaScript's trim() and \s differ: they strip U+FEFF but not
 * U+001C..U+001F or U+0085. Reading like botocore means using Python's set.
 *
 * The whitespace rules are charCodeAt loops, not regular expressions: a fresh login edits
 * `[PROFILE]` with them, and each expression compiles cold in every run (the first ~0.15 ms
 * and 1.4 MiB, each next one 20-150 µs: docs/performance.md). Each loop names the expression it
 * stands for; tests/ini/python-text.test.ts keeps those as its oracles.
 */
import { isWideSpace } from "./wide-space.ts";

/** Boundaries of Python's str.splitlines() (more than \r and \n). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are the point
const PY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;

/**
 * Python's str.isspace() for one UTF-16 unit (also what `\s` matches in Python's re):
 * /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/
 */
export function isPySpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13) || c >= 0x1c;
  if (c < 0x85) return false;
  // NEL counts as a space in Python, not in JavaScript.
  return c === 0x85 || isWideSpace(c);
}

/** str.strip() */
export function pyStrip(text: string): string {
  return pyRstrip(pyLstrip(text));
}

/** str.lstrip(): text.replace(/^[PY_SPACE]+/, "") */
export function pyLstrip(text: string): string {
  let start = 0;
  while (start < text.length && isPySpace(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

/** str.rstrip(): a loop, not /[PY_SPACE]+$/, which is quadratic on long runs of inner spaces. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPySpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Index of the first character that is not whitespace, or -1 (configparser's indent):
 * text.search(/[^PY_SPACE]/).
 */
export function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) if (!isPySpace(text.charCodeAt(i))) return i;
  return -1;
}

/** str.splitlines() without the line ends. */
export function pySplitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(PY_LINE_BREAK);
  // splitlines() gives no empty last line when the text ends with a break.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
