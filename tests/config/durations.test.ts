import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  checkSessionDuration,
  formatDuration,
  isDigits,
  parseDuration,
} from "../../src/config/durations.ts";
import { UsageError } from "../../src/errors.ts";
import { printableInLine } from "../../src/system/printable.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

describe("parseDuration", () => {
  test.each([
    ["900", 900],
    ["15m", 900],
    ["1h", 3600],
    ["12h", 43_200],
    ["36h", 129_600],
    ["1h30m", 5400],
    ["1h 30m", 5400],
    ["90s", 90],
    ["1d", 86_400],
    [" 2H ", 7200],
  ])("%p is %p seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each(["", "h", "1x", "1.5h", "-1h", "1h-", "12 hours", "1h30", "abc"])(
    "%p is refused",
    (text) => {
      expect(() => parseDuration(text)).toThrow(UsageError);
    },
  );
});

describe("checkSessionDuration", () => {
  test("accepts the STS range 900..129600", () => {
    expect(checkSessionDuration(900)).toBe(900);
    expect(checkSessionDuration(129_600)).toBe(129_600);
  });
  test.each([899, 0, 129_601, 200_000])("refuses %p before any call", (seconds) => {
    expect(() => checkSessionDuration(seconds)).toThrow(
      /between 15m \(900 s\) and 36h \(129600 s\)/,
    );
  });
});

describe("formatDuration", () => {
  test.each([
    [0, "0s"],
    [45, "45s"],
    [60, "1m"],
    [59 * 60 + 59, "1h00m"],
    [599, "9m"],
    [3600, "1h00m"],
    [7 * 3600 + 42 * 60 + 10, "7h42m"],
    [2 * 3600 + 5 * 60, "2h05m"],
    [36 * 3600, "36h00m"],
    [12 * 3600 - 20, "12h00m"],
    [3600 - 31, "59m"],
    [-5, "0s"],
  ])("%p seconds read %p", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe("without regular expressions (the cached path runs none: docs/performance.md)", () => {
  /** parseDuration as it was: the oracle. */
  function parseByRegex(text: string): number | "error" {
    const trimmed = text.trim().toLowerCase();
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
    const parts = [...trimmed.matchAll(/(\d+)\s*([smhd])/g)];
    const consumed = parts.map((p) => p[0]).join("");
    if (parts.length === 0 || consumed.replace(/\s/g, "") !== trimmed.replace(/\s/g, "")) {
      return "error";
    }
    return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
  }
  const parse = (text: string): number | "error" => {
    try {
      return parseDuration(text, "--x");
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      // The text is shown in one line (printableInLine): a tab or line break escaped.
      expect((error as Error).message).toBe(`--x "${printableInLine(text)}" is not a duration.`);
      return "error";
    }
  };

  // The old expression is quadratic on long runs of digits: the texts stay short.
  test("parseDuration reads what /^\\d+$/ and /(\\d+)\\s*([smhd])/g read", () => {
    const examples = [
      "3600",
      "15m",
      "1h30m",
      " 1 h 30 m ",
      "36H",
      "1d",
      "1h 5",
      "h1",
      "1h,30m",
      "9".repeat(40),
    ];
    const pieces = [
      "1",
      "12",
      "s",
      "m",
      "h",
      "d",
      "H",
      " ",
      "\t",
      "\u3000",
      "\ufeff",
      "x",
      ",",
      ".",
    ];
    fc.assert(
      fc.property(oracleTexts(examples, pieces, 600), (text) => {
        expect(parse(text)).toEqual(parseByRegex(text));
      }),
      { numRuns: ORACLE_RUNS * 2 },
    );
  });

  test("isDigits is /^\\d+$/", () => {
    fc.assert(
      fc.property(oracleTexts(["0", "0123", "12a", "\u0661"], ["0", "9", "/", ":"]), (text) => {
        expect(isDigits(text)).toBe(/^\d+$/.test(text));
      }),
      { numRuns: ORACLE_RUNS },
    );
  });
});
