/** parseExpiration: the spellings of `expiration` that tools write, and what is not a time. */
import { expect, test } from "bun:test";
import { parseExpiration } from "../../src/session/expiration.ts";

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
