/**
 * sessionOfRecord: a cache record is JSON from a file, so any field may hold any JSON value.
 * A damaged one means "no session" (a new one is made), never a crash and never a session
 * whose keys are not strings: before, `"sessionToken": 5` reached the shell quoting
 * (`awsmfa PROFILE` died with "unexpected error: e.replace is not a function", exit 1) and
 * credential-process printed `"SessionToken":5` with exit 0, in both the fast path and the
 * full CLI.
 */
import { describe, expect, test } from "bun:test";
import { sessionOfRecord } from "../../src/session/cache-record.ts";

const whole = {
  accessKeyId: "ASIAEXAMPLE000000001",
  secretAccessKey: "secret/+example",
  sessionToken: "token==",
  expiration: "2026-12-06T23:10:24.000Z",
  clock: { offsetMs: 12.5, measuredAt: 1_796_555_394_237 },
};

describe("sessionOfRecord", () => {
  test("a whole record is a session", () => {
    expect(sessionOfRecord(whole)).toEqual({
      accessKeyId: whole.accessKeyId,
      secretAccessKey: whole.secretAccessKey,
      sessionToken: whole.sessionToken,
      expiration: new Date(whole.expiration),
      clock: whole.clock,
    });
  });

  // JSON values that are not strings, each truthy, so the old check let them through.
  const notStrings: unknown[] = [5, true, ["x"], { a: 1 }, 1_796_598_624_000];
  for (const field of ["accessKeyId", "secretAccessKey", "sessionToken", "expiration"]) {
    for (const value of notStrings) {
      test(`${field} ${JSON.stringify(value)}: no session`, () => {
        const record = { ...whole, [field]: value } as unknown as typeof whole;
        expect(sessionOfRecord(record)).toBeUndefined();
      });
    }
    test(`${field} empty or missing: no session`, () => {
      expect(sessionOfRecord({ ...whole, [field]: "" })).toBeUndefined();
      expect(sessionOfRecord({ ...whole, [field]: undefined })).toBeUndefined();
    });
  }
});
