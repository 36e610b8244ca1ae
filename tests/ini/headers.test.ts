/**
 * headers.ts's loops against the regular expressions they replaced (kept here as oracles):
 * the cached login finds its sections with this module and runs no regular expression
 * (docs/performance.md). section-finder.test.ts compares the finder with the full parser.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { findHeaders, plainProfileName, shlexMarks } from "../../src/ini/headers.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

/** findHeaders as it was, with its three regular expressions. */
function findHeadersByRegex(text: string) {
  const INDENTED_HEADER =
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle's own expression
    /^[\t\v\f\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\[/m;
  const LINE_BODY = /[^\r\n]*/y;
  const first = text.startsWith("\uFEFF") ? 1 : 0;
  if (INDENTED_HEADER.test(first ? text.slice(first) : text)) return undefined;
  const starts: number[] = [];
  const names: string[] = [];
  const consider = (at: number) => {
    LINE_BODY.lastIndex = at;
    LINE_BODY.exec(text);
    const close = text.lastIndexOf("]", LINE_BODY.lastIndex - 1);
    if (close < at + 2) return;
    starts.push(at);
    names.push(text.slice(at + 1, close));
  };
  if (text.charCodeAt(first) === 91) consider(first);
  const lineStart = /[\r\n]\[/g;
  for (let match = lineStart.exec(text); match; match = lineStart.exec(text)) {
    consider(match.index + 1);
  }
  return { starts, names };
}

const HEADER_PIECES = [
  "\n[",
  "\r\n[",
  "\r[",
  "[",
  "]",
  "[a]",
  "[profile x]",
  "\n  [",
  "\n\t[",
  "\u2028[",
  "\u2028 [",
  " \u2029 [",
  "\x85[",
  "\n\x1c[",
  "\ufeff",
  "k = v",
  "\n",
  "\r",
];
const HEADER_FILES = [
  "[a]\nk = v\n[profile b]\nk = w\n",
  "\ufeff[a]\r\nk = v\r\n[b]\r\n",
  "# c\n[a]\nk = [x]\n  [indented]\n",
  "[default]\naws_access_key_id = x\n\n[p-long-term]\n",
  " [a]\n[b]",
  "[a]\n\u2028 [b]\n",
];

describe("findHeaders without regular expressions", () => {
  test("finds what the expressions found, on every kind of text", () => {
    fc.assert(
      fc.property(oracleTexts(HEADER_FILES, HEADER_PIECES), (text) => {
        expect(findHeaders(text)).toEqual(findHeadersByRegex(text));
      }),
      { numRuns: ORACLE_RUNS * 2 },
    );
  });

  test("indentation of every kind of whitespace, at every place", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`${ch}[a]`, `x\n${ch}[a]`, `\ufeff${ch}[a]`, `${ch}${ch}[a]\r[b]`]) {
        expect(findHeaders(text)).toEqual(findHeadersByRegex(text));
      }
    }
  });
});

describe("plainProfileName", () => {
  const PLAIN = /^profile ([^ \t\r\n'"\\]+)$/;
  test("is the name /^profile ([^ \\t\\r\\n'\"\\\\]+)$/ captures", () => {
    const examples = ["profile a", "profile prod-1.x", "profile  a", "profile", "profiles x"];
    const pieces = ["profile ", "profile", " ", "\t", "'", '"', "\\", "a", "-"];
    fc.assert(
      fc.property(oracleTexts(examples, pieces), (header) => {
        expect(plainProfileName(header)).toBe(PLAIN.exec(header)?.[1]);
      }),
      { numRuns: ORACLE_RUNS },
    );
  });

  test("judges the headers of a text without shlexMarks by their spaces alone", () => {
    const pieces = [...HEADER_PIECES, "[profile a]", "[profile a b]", "[profile  a]", "[profile]"];
    const files = [...HEADER_FILES, "[profile a]\n[profile  b]\n[profile c d]\n[profiles]\n"];
    let judged = 0;
    fc.assert(
      fc.property(oracleTexts(files, [...pieces, "\t", "'", '"', "\\"]), (text) => {
        expect(shlexMarks(text)).toBe(/[\t'"\\]/.test(text));
        if (shlexMarks(text)) return;
        for (const header of findHeaders(text)?.names ?? []) {
          expect(plainProfileName(header, true)).toBe(PLAIN.exec(header)?.[1]);
          judged++;
        }
      }),
      { numRuns: ORACLE_RUNS },
    );
    expect(judged).toBeGreaterThan(1000);
  });
});
