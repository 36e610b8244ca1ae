/**
 * syntax.ts's checkVariableName, a loop, against the regular expression it replaced (kept here
 * as the oracle): every cached login checks its eight names and runs no regular expression
 * (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { checkVariableName } from "../../src/shell/syntax.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

test("checkVariableName accepts /^[A-Za-z_][A-Za-z0-9_]*$/ and nothing else", () => {
  const accepts = (name: string) => {
    try {
      return checkVariableName(name) === name;
    } catch (error) {
      expect((error as Error).message).toBe(
        `Not a valid environment variable name: ${JSON.stringify(name)}`,
      );
      return false;
    }
  };
  const examples = ["AWS_PROFILE", "_x", "a1", "1a", "A-B", "AWSMFA_EXPIRES", "Z\u0130"];
  const pieces = ["A", "Z", "a", "z", "_", "0", "9", "@", "[", "`", "{", "/", ":", "\x7f"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces), (name) => {
      expect(accepts(name)).toBe(/^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
    }),
    { numRuns: ORACLE_RUNS },
  );
  for (let c = 0; c < 0x10000; c++) {
    for (const name of [String.fromCharCode(c), `A${String.fromCharCode(c)}`]) {
      expect(accepts(name)).toBe(/^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
    }
  }
});
