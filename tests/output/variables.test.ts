/**
 * variables.ts's isoSeconds, without a regular expression, against the one it replaced (kept
 * here as the oracle): every cached login prints one and runs no regular expression
 * (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { isoSeconds } from "../../src/output/variables.ts";

test("isoSeconds is toISOString() with /\\.\\d{3}Z$/ replaced by Z, for every date", () => {
  const byRegex = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
  // Every valid time, from the first to the last that Date holds (years -271821..275760).
  fc.assert(
    fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
      const date = new Date(ms);
      expect(isoSeconds(date)).toBe(byRegex(date));
    }),
    { numRuns: 5_000 },
  );
  for (const ms of [0, -1, 999, 1000, -8.64e15, 8.64e15, Date.UTC(10000, 0), Date.UTC(-1, 0)]) {
    expect(isoSeconds(new Date(ms))).toBe(byRegex(new Date(ms)));
  }
  expect(isoSeconds(new Date("2026-11-21T09:41:00.123Z"))).toBe("2026-11-21T09:41:00Z");
  expect(() => isoSeconds(new Date(Number.NaN))).toThrow(RangeError);
});
