/**
 * odd-characters.ts: which texts key-scan.ts's one line loop may read with a few odd
 * characters, and where those are (key-scan.test.ts holds the scan itself to the exact one).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { OddCharacters } from "../../src/ini/odd-characters.ts";

test("texts whose headers the line loop would not find as findHeaders does are refused", () => {
  expect(OddCharacters.of("[a]\n k = v\n", 0)).toBeUndefined(); // an indented line
  expect(OddCharacters.of("[a]\rk = v\n", 0)).toBeUndefined(); // a lone CR
  expect(OddCharacters.of("[a]\n\t[b]\n", 0)).toBeUndefined(); // a tab at a line's start
  expect(OddCharacters.of("\u00e9[a]\n", 0)).toBeUndefined(); // at the text's start
  expect(OddCharacters.of("\uFEFF\t[a]\n", 1)).toBeUndefined(); // right after a BOM
  expect(OddCharacters.of("\uFEFF[a]\r\nk\t= v\r\n", 1)).toBeDefined();
});

test("from(at): the first odd character at or after at, for ascending questions", () => {
  const text = "[a]\nk\t= caf\u00e9\r\n[b]\nk = v\n[c]\n# \u00e9quipe\x7f\n";
  const odd = OddCharacters.of(text, 0)!;
  const expected = [...text.matchAll(/[^\n\r\x20-\x7e]/g)].map((m) => m.index);
  fc.assert(
    fc.property(fc.array(fc.nat(text.length + 1)), (asked) => {
      const fresh = OddCharacters.of(text, 0)!;
      for (const at of asked.sort((a, b) => a - b)) {
        expect(fresh.from(at)).toBe(expected.find((i) => i >= at) ?? Number.POSITIVE_INFINITY);
      }
    }),
  );
  expect(odd.from(0)).toBe(5);
  expect(odd.from(text.length)).toBe(Number.POSITIVE_INFINITY);
});
