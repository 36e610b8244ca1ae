/**
 * simple-read.ts's oddWithin, a loop, against the regular expression it replaced (kept here as
 * the oracle): the cached login asks it of its sections and runs no regular expression
 * (docs/performance.md). profile-index.test.ts compares the simple reader with the full one.
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { mayBePlain, oddAnywhere, oddWithin, plainGiven } from "../../src/ini/simple-read.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

const ODD_ONE = /[^\n\x20-\x7e]|\n /;

test("oddWithin is /[^\\n\\x20-\\x7e]|\\n /.test(text.slice(start, end))", () => {
  const examples = ["[a]\nk = v\n", "[a]\n k = v\n", "[a]\r\nk = v", "[a]\n\tk", "k = \u00e9\n"];
  const pieces = ["\n", "\n ", " ", "\t", "\r", "~", "\x7f", "[a]\n", "k = v\n"];
  const ranges = fc
    .tuple(oracleTexts(examples, pieces), fc.nat(), fc.nat(), fc.nat({ max: 3 }))
    .map(([text, a, b, beyond]) => {
      // a range anywhere in the text, empty or reversed now and then, or past its end
      const start = a % (text.length + 1);
      const end = Math.min(text.length + beyond, start + (b % (text.length + 2)));
      return [text, start, b % 7 === 0 ? Math.max(start - 1, 0) : end] as const;
    });
  fc.assert(
    fc.property(ranges, ([text, start, end]) => {
      expect(oddWithin(text, start, end)).toBe(ODD_ONE.test(text.slice(start, end)));
    }),
    { numRuns: ORACLE_RUNS * 2 },
  );
  for (let c = 0; c < 0x10000; c++) {
    const text = `a\n${String.fromCharCode(c)}b`;
    for (const [start, end] of [
      [0, 4],
      [1, 3],
      [2, 3],
      [0, 2],
    ] as const) {
      expect(oddWithin(text, start, end)).toBe(ODD_ONE.test(text.slice(start, end)));
    }
  }
});

/** The characters of the line breaks in text: LFs, and the CRs right before them. */
const lineBreaks = (text: string) => text.split("\n").length - 1 + text.split("\r\n").length - 1;

/** oddAnywhere of the text as key-scan.ts's quick look reads it: CRLF as LF, a leading BOM skipped. */
const oddRead = (text: string) => oddAnywhere(text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n"));

test("mayBePlain and plainGiven (native scans, for key-scan.ts) answer !oddAnywhere, CRLF as LF", () => {
  const examples = [
    "[a]\nk = v\n",
    "[a]\n k = v\n",
    "[a]\r\nk = v",
    "k = \x1b[1mv\x1b[0m\n",
    "\uFEFF[a]\r\nk = v\r\n",
  ];
  const pieces = [
    "\n",
    "\n ",
    " ",
    "\t",
    "\r",
    "\r\n",
    "~",
    "\x7f",
    "\x1b",
    "\x1b[",
    "m",
    "\f",
    "\u00e9",
  ];
  const agree = (text: string) =>
    expect([text, mayBePlain(text) && plainGiven(text, lineBreaks(text))]).toEqual([
      text,
      !oddRead(text),
    ]);
  fc.assert(fc.property(oracleTexts(examples, pieces), agree), { numRuns: ORACLE_RUNS });
  // Every character alone, and beside each printable one, an escape and a line break
  for (let c = 0; c < 0x10000; c++) {
    const one = String.fromCharCode(c);
    for (const text of [
      one,
      `a\n${one}b`,
      `\x1b${one}`,
      `${one}\n`,
      `${one}\r\n`,
      `\r${one}`,
      `\uFEFF${one}`,
      `\uFEFF${one}\r\n`,
    ]) {
      agree(text);
    }
  }
});
