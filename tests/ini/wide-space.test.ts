/** isWideSpace: the spaces above Latin-1's controls that JavaScript and Python agree on. */
import { expect, test } from "bun:test";
import { isWideSpace } from "../../src/ini/wide-space.ts";

test("every UTF-16 unit from U+00A0 up: JavaScript's \\s, less the byte-order mark", () => {
  const wrong: number[] = [];
  for (let c = 0xa0; c <= 0xffff; c++) {
    const expected = /\s/.test(String.fromCharCode(c)) && c !== 0xfeff;
    if (isWideSpace(c) !== expected) wrong.push(c);
  }
  expect(wrong).toEqual([]);
});

test("nothing below U+00A0 (each caller decides those itself)", () => {
  for (let c = 0; c < 0xa0; c++) expect(isWideSpace(c)).toBe(false);
});
