/** parseExpiration: the spellings of `expiration` that tools write, and what is not a time. */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { parseExpiration } from "../../src/session/expiration.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

test.each([
  ["2026-11-21T09:41:00Z", "2026-11-21T09:41:00.000Z"],
  ["2026-11-21T09:41:00.123Z", "2026-11-21T09:41:00.123Z"],
  ["2026-11-21T09:41:00z", "2026-11-21T09:41:00.000Z"],
  ["2026-11-21T10:41:00+01:00", "2026-11-21T09:41:00.000Z"],
  ["2026-11-21T10:41:00+0100", "2026-11-21T09:41:00.000Z"],
  ["2026-11-21T04:41:00-05:00", "2026-11-21T09:41:00.000Z"],
  // aws-mfa: UTC without saying so; read as UTC whatever the local zone.
  ["2026-11-21 09:41:00", "2026-11-21T09:41:00.000Z"],
  ["2026-11-21T09:41:00", "2026-11-21T09:41:00.000Z"],
  ["2026-11-21 09:41", "2026-11-21T09:41:00.000Z"],
  ["  2026-11-21T09:41:00Z  ", "2026-11-21T09:41:00.000Z"],
])("%p is %s", (text, iso) => {
  expect(parseExpiration(text)?.toISOString()).toBe(iso);
});

test.each([
  [undefined],
  [""],
  ["tomorrow"],
  ["1732182060"],
  ["2026-11-21"],
  ["2026-13-01T00:00:00Z"],
  ["2026-11-21T09:41:00 UTC"],
  ["Sat, 21 Nov 2026 09:41:00 GMT"],
])("%p is not a time", (text) => {
  expect(parseExpiration(text)).toBeUndefined();
});

/** parseExpiration as it was, with its regular expressions: the oracle of the loops. */
function parseByRegex(text: string | undefined): Date | undefined {
  const NO_ZONE = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)$/;
  const WITH_ZONE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i;
  const value = text?.trim();
  if (!value) return undefined;
  const bare = NO_ZONE.exec(value);
  if (!bare && !WITH_ZONE.test(value)) return undefined;
  const iso = bare
    ? `${bare[1]}T${bare[2]}Z`
    : value.replace(" ", "T").replace(/([+-]\d\d)(\d\d)$/, "$1:$2");
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

test("reads what the regular expressions read (the cached path runs none: docs/performance.md)", () => {
  const examples = [
    "2026-11-21T09:41:00Z",
    "2026-11-21 09:41:00",
    "2026-11-21t09:41z",
    "2026-11-21T09:41:00.123+0100",
    "2026-11-21T09:41-01:30",
    "2026-11-21 09:41:00.5",
    " 2026-02-30T25:61:00Z ",
    "2026-11-21T09:41:00.Z",
    "0000-00-00T00:00:00+00:00",
  ];
  const pieces = ["0", "9", "12", "-", ":", ".", "T", "t", " ", "Z", "z", "+", "+0100", "-01:30"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces), (text) => {
      expect(String(parseExpiration(text)?.getTime())).toBe(String(parseByRegex(text)?.getTime()));
    }),
    { numRuns: ORACLE_RUNS * 3 },
  );
  expect(parseExpiration(undefined)).toBeUndefined();
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    for (const text of [
      `2026-11-21${ch}09:41Z`,
      `2026-11-21T09:41${ch}`,
      `2026-11-21T09:41:00${ch}01:00`,
    ]) {
      expect(parseExpiration(text)?.getTime()).toBe(parseByRegex(text)?.getTime());
    }
  }
});
