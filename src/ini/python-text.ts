/**
 * Python's idea of whitespace and line breaks, which botocore's configparser uses when it
 * strips lines, keys and values. JavaScript's trim() and \s differ: they strip U+FEFF but not
 * U+001C..U+001F or U+0085. Reading like botocore means using Python's set.
 */

/** Every code point for which Python's str.isspace() is true (also what `\s` matches in re). */
const PY_SPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const LEADING = new RegExp(`^[${PY_SPACE}]+`);
const ONE_SPACE = new RegExp(`^[${PY_SPACE}]$`);
const FIRST_NON_SPACE = new RegExp(`[^${PY_SPACE}]`);
/** Boundaries of Python's str.splitlines() (more than \r and \n). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are the point
const PY_LINE_BREAK = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;

/** str.strip() */
export function pyStrip(text: string): string {
  return pyRstrip(pyLstrip(text));
}

/** str.lstrip() */
export function pyLstrip(text: string): string {
  return text.replace(LEADING, "");
}

/** str.rstrip() */
export function pyRstrip(text: string): string {
  // A loop, not /\s+$/: that regex is quadratic on long runs of inner whitespace.
  let end = text.length;
  while (end > 0 && ONE_SPACE.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Index of the first character that is not whitespace, or -1 (configparser's indent). */
export function firstNonSpace(text: string): number {
  return text.search(FIRST_NON_SPACE);
}

/** str.splitlines() without the line ends. */
export function pySplitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(PY_LINE_BREAK);
  // splitlines() gives no empty last line when the text ends with a break.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
