/**
 * The space characters above Latin-1's controls that JavaScript's `\s` and Python's
 * str.isspace() both count: no-break space, Ogham space mark, the General Punctuation spaces,
 * line and paragraph separators, narrow no-break space, medium mathematical space and
 * ideographic space. config/js-space.ts (JavaScript's whitespace) and ini/headers.ts (Python's
 * indentation) each add their own few to this set; loops, not `\s`: see js-space.ts.
 */
export function isWideSpace(c: number): boolean {
  return (
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
