/** Python's whitespace, line breaks and shlex.split, as botocore uses them. */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  firstNonSpace,
  isPySpace,
  pyLstrip,
  pyRstrip,
  pySplitLines,
  pyStrip,
} from "../../src/ini/python-text.ts";
import { shlexQuote, shlexSplit } from "../../src/ini/shlex.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

function python3Missing(): string | undefined {
  try {
    const run = Bun.spawnSync(["python3", "-c", "pass"]);
    return run.exitCode === 0 ? undefined : "python3 exits with an error";
  } catch {
    return "python3 is not installed";
  }
}
const missing = python3Missing();
if (missing) console.log(`skipping the comparison with Python: ${missing}`);

describe("whitespace", () => {
  test.each([
    [" \t a b \t ", "a b"],
    ["\x1c\x85x\u3000\u2028", "x"],
    ["\uFEFFx\uFEFF", "\uFEFFx\uFEFF"],
    ["", ""],
  ])("pyStrip(%j) is %j", (text, stripped) => {
    expect(pyStrip(text)).toBe(stripped);
  });

  test("firstNonSpace counts characters, tabs as one", () => {
    expect(firstNonSpace("\t  x")).toBe(3);
    expect(firstNonSpace(" \t")).toBe(-1);
  });

  test.skipIf(missing !== undefined)("same whitespace and line breaks as Python", async () => {
    const script =
      "import json,sys\n" +
      "cps=[c for c in range(0x110000) if not 0xd800<=c<=0xdfff]\n" +
      "json.dump({'space':[c for c in cps if chr(c).isspace()]," +
      "'breaks':[c for c in cps if len(('a'+chr(c)+'b').splitlines())>1]},sys.stdout)";
    const child = Bun.spawn(["python3", "-c", script], { stdout: "pipe" });
    const python = JSON.parse(await new Response(child.stdout).text());
    expect(await child.exited).toBe(0);
    const space: number[] = [];
    const breaks: number[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const char = String.fromCodePoint(c);
      if (pyStrip(char) === "") space.push(c);
      if (pySplitLines(`a${char}b`).length > 1) breaks.push(c);
    }
    expect({ space, breaks }).toEqual(python);
  });
});

/** The regular expressions python-text.ts's loops replaced, kept as their oracles. */
const PY_SPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const ONE_SPACE = new RegExp(`^[${PY_SPACE}]$`);
const LEADING = new RegExp(`^[${PY_SPACE}]+`);
const TRAILING = new RegExp(`[${PY_SPACE}]+$`);
const FIRST_NON_SPACE = new RegExp(`[^${PY_SPACE}]`);

describe("the loops against the expressions they stand for", () => {
  test("isPySpace is the class, for every UTF-16 unit", () => {
    for (let c = 0; c < 0x10000; c++) {
      expect({ c, space: isPySpace(c) }).toEqual({
        c,
        space: ONE_SPACE.test(String.fromCharCode(c)),
      });
    }
    expect(isPySpace(Number.NaN)).toBe(false); // charCodeAt past the end
  });

  const EXAMPLES = [" \t a b \t ", "\x1c\x85x\u3000\u2028", "\uFEFFx\uFEFF", "  ", "x", "a = b"];
  const PIECES = [" ", "\t", "\n", "\r", "\x1c", "\x1f", "\x85", "\u3000", "\ufeff", "a"];
  test("pyLstrip, pyRstrip and firstNonSpace, over generated texts", () => {
    fc.assert(
      fc.property(oracleTexts(EXAMPLES, PIECES, 3000), (text) => {
        expect(pyLstrip(text)).toBe(text.replace(LEADING, ""));
        expect(pyRstrip(text)).toBe(text.replace(TRAILING, ""));
        expect(firstNonSpace(text)).toBe(text.search(FIRST_NON_SPACE));
      }),
      { numRuns: ORACLE_RUNS },
    );
  });
});

describe("shlex", () => {
  test.each<[string, string[] | undefined]>([
    ["profile x", ["profile", "x"]],
    ["profile  x ", ["profile", "x"]],
    ['profile "my name"', ["profile", "my name"]],
    ["profile 'it''s'", ["profile", "its"]],
    ['profile "a\\"b\\\\c\\d"', ["profile", 'a"b\\c\\d']],
    ["profile a\\ b", ["profile", "a b"]],
    ['profile ""', ["profile", ""]],
    ["profile\tx#y", ["profile", "x#y"]],
    ['profile "open', undefined],
    ["profile x\\", undefined],
  ])("shlexSplit(%j)", (text, words) => {
    expect(shlexSplit(text)).toEqual(words);
  });

  test.each(["x", "my name", 'say "hi"', "it's", "a\\b", "tab\there", "]", "#"])(
    "shlexQuote(%j) reads back",
    (word) => {
      expect(shlexSplit(`profile ${shlexQuote(word)}`)).toEqual(["profile", word]);
    },
  );
});
