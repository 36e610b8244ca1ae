import { isWideSpace } from "../ini/wide-space.ts";

/**
 * JavaScript's whitespace: what `\s` matches and trim() removes (its WhiteSpace and
 * LineTerminator; unlike Python's, U+FEFF is one and U+001C..U+001F and U+0085 are not).
 * For the rules the cached path checks with loops instead of regular expressions (the first
 * one a run executes costs it ~0.15 ms and 1.4 MiB: docs/performance.md).
 */
export function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  // The byte-order mark counts as a space in JavaScript, not in Python.
  return c === 0xfeff || isWideSpace(c);
}
