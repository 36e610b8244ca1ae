import { describe, expect, test } from "bun:test";
import { checkSessionDuration, formatDuration, parseDuration } from "../../src/config/durations.ts";
import { UsageError } from "../../src/errors.ts";

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
    [36 * 3600, "36h00m"],
    [12 * 3600 - 20, "12h00m"],
    [3600 - 31, "59m"],
    [-5, "0s"],
  ])("%p seconds read %p", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
