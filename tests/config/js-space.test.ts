/** js-space.ts against JavaScript's own: every UTF-16 unit, as \s and trim() see it. */
import { expect, test } from "bun:test";
import { isJsSpace } from "../../src/config/js-space.ts";

test("isJsSpace is what \\s matches and trim() removes, for every UTF-16 unit", () => {
  let spaces = 0;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    expect({ c, space: isJsSpace(c) }).toEqual({ c, space: /\s/.test(ch) });
    expect({ c, space: isJsSpace(c) }).toEqual({ c, space: ch.trim() === "" });
    if (isJsSpace(c)) spaces++;
  }
  expect(spaces).toBe(25);
  expect(isJsSpace(Number.NaN)).toBe(false); // charCodeAt past the end
});
