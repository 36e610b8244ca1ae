/**
 * edit-input.ts's checks, loops and string methods, against the regular expressions they
 * replaced (kept here as oracles): a fresh login writes `[PROFILE]` without compiling a
 * regular expression of awsmfa's own (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { checkKey, hasSdkComment } from "../../src/ini/edit-input.ts";
import { pyStrip } from "../../src/ini/python-text.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

const COMMENT_EXAMPLES = [
  "a#b",
  "a #b",
  "#a",
  ";a",
  "a\t;b",
  "a\u3000#b",
  "a\ufeff#",
  "a\x85#",
  "x",
];
const COMMENT_PIECES = ["#", ";", " ", "\t", "\ufeff", "\u00a0", "\x85", "\x1c", "a"];

test("hasSdkComment is /(^|\\s)[#;]/", () => {
  for (const text of COMMENT_EXAMPLES) expect(hasSdkComment(text)).toBe(/(^|\s)[#;]/.test(text));
  fc.assert(
    fc.property(oracleTexts(COMMENT_EXAMPLES, COMMENT_PIECES), (text) => {
      expect(hasSdkComment(text)).toBe(/(^|\s)[#;]/.test(text));
    }),
    { numRuns: ORACLE_RUNS },
  );
});

/** checkKey as it was, with /[=:\r\n]/. */
function readableByRegex(key: string): boolean {
  return (
    key !== "" &&
    key === pyStrip(key) &&
    key === key.trim() &&
    !/[=:\r\n]/.test(key) &&
    !key.startsWith("[") &&
    !key.startsWith("#") &&
    !key.startsWith(";")
  );
}

function readable(key: string): boolean {
  try {
    checkKey(key);
    return true;
  } catch {
    return false;
  }
}

const KEY_EXAMPLES = ["aws_session_token", "a=b", "a:b", "a\rb", "a\nb", " a", "[a", "a b", "x"];
const KEY_PIECES = ["=", ":", "\r", "\n", " ", "[", "#", ";", "_", "a"];

test("checkKey refuses what /[=:\\r\\n]/ and the rest refused", () => {
  for (const key of KEY_EXAMPLES) expect(readable(key)).toBe(readableByRegex(key));
  fc.assert(
    fc.property(oracleTexts(KEY_EXAMPLES, KEY_PIECES), (key) => {
      expect(readable(key)).toBe(readableByRegex(key));
    }),
    { numRuns: ORACLE_RUNS },
  );
});
