/**
 * key-state.ts's isLongTermKeyId, without a regular expression, against the one it replaced
 * (kept here as the oracle): the cached login asks it and runs none (docs/performance.md).
 * section-state.test.ts tests the rules built on it.
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { isLongTermKeyId, keyState } from "../../src/config/key-state.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

test("isLongTermKeyId is /^\\s*AKIA/", () => {
  const examples = ["AKIAIOSFODNN7EXAMPLE", " AKIAX", "\ufeff\u3000AKIA", "ASIAX", "akiax", "AKI"];
  const pieces = ["AKIA", "ASIA", "A", "K", " ", "\t", "\u2028", "\ufeff", "\x1c", "\x85"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces), (id) => {
      expect(isLongTermKeyId(id)).toBe(/^\s*AKIA/.test(id));
    }),
    { numRuns: ORACLE_RUNS },
  );
  expect(isLongTermKeyId(undefined)).toBe(false);
  for (let c = 0; c < 0x10000; c++) {
    const id = `${String.fromCharCode(c)}AKIA1`;
    expect(isLongTermKeyId(id)).toBe(/^\s*AKIA/.test(id));
  }
  expect(keyState(" AKIAX", false)).toBe("long-term");
});
