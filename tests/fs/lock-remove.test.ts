/**
 * isClaimOf, the lock tidy's test of a name in the lock's folder: a claim on the lock
 * `<lock>.<16 hex>-<n>.claim`, read as the expression it replaced reads it (the oracle).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { isClaimOf } from "../../src/fs/lock-remove.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

const LOCK = "credentials.lock";

function oracle(name: string, lockName: string): boolean {
  return (
    name.startsWith(lockName) && /^\.[0-9a-f]{16}-\d+\.claim$/.test(name.slice(lockName.length))
  );
}

test.each([
  [`${LOCK}.0123456789abcdef-0.claim`, true],
  [`${LOCK}.0123456789abcdef-12.claim`, true],
  [`${LOCK}.0123456789ABCDEF-0.claim`, false],
  [`${LOCK}.0123456789abcde-0.claim`, false],
  [`${LOCK}.0123456789abcdef-.claim`, false],
  [`${LOCK}.0123456789abcdef-0.claim.x`, false],
  [`other.lock.0123456789abcdef-0.claim`, false],
  [LOCK, false],
])("isClaimOf(%p)", (name, claim) => {
  expect(isClaimOf(name, LOCK)).toBe(claim);
});

test("isClaimOf reads a name as /^\\.[0-9a-f]{16}-\\d+\\.claim$/ after the lock's name", () => {
  const examples = [`${LOCK}.0123456789abcdef-0.claim`, `${LOCK}.ffffffffffffffff-19.claim`];
  const pieces = [LOCK, ".", "-", ".claim", "claim", "0", "9", "a", "f", "g", "\u0661"];
  fc.assert(
    fc.property(
      oracleTexts(examples, pieces, 400),
      fc.constantFrom(LOCK, "", "c"),
      (name, lock) => {
        expect(isClaimOf(name, lock)).toBe(oracle(name, lock));
      },
    ),
    { numRuns: ORACLE_RUNS },
  );
});
