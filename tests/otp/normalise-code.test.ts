/**
 * normaliseCode's loop against the regular expressions it replaced (kept here as the oracle):
 * a fresh login cleans its code without compiling a regular expression (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { normaliseCode } from "../../src/otp/source.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

function normaliseByRegex(text: string): string | undefined {
  const compact = text.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(compact) ? compact : undefined;
}

const EXAMPLES = [
  "123456",
  "123 456",
  "123-456",
  " 123456\n",
  "1 2 3 4 5 6",
  "\u3000123\ufeff456\u2028",
  "12345",
  "1234567",
  "12345a",
  "١٢٣٤٥٦",
  "--123456--",
];
const PIECES = ["0", "1", "9", " ", "-", "\t", "\n", "\ufeff", "\u00a0", "\x85", "\x1c", "a", "٣"];

test.each(EXAMPLES)("normaliseCode(%j) is as the expressions say", (text) => {
  expect(normaliseCode(text)).toBe(normaliseByRegex(text));
});

test("normaliseCode is /[\\s-]/g removed, then /^\\d{6}$/, over generated texts", () => {
  fc.assert(
    fc.property(oracleTexts(EXAMPLES, PIECES), (text) => {
      expect(normaliseCode(text)).toBe(normaliseByRegex(text));
    }),
    { numRuns: ORACLE_RUNS },
  );
});

test("the usual codes", () => {
  expect(normaliseCode("123 456")).toBe("123456");
  expect(normaliseCode("12345")).toBeUndefined();
});
