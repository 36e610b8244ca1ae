/**
 * layout.ts's plain-whitespace check, a loop, against /^[ \t]*$/ (kept here as the oracle): a
 * fresh login's edit runs it without compiling a regular expression (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { plainIndent } from "../../src/ini/layout.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

const EXAMPLES = ["", " ", "\t", "  \t ", "\x1c", " \u3000", "\v", " \x85"];
const PIECES = [" ", "\t", "\v", "\f", "\x1c", "\x85", "\u00a0", "\u3000", "\ufeff"];

test("plainIndent keeps what /^[ \\t]*$/ calls plain, else as many spaces", () => {
  const byRegex = (indent: string) =>
    /^[ \t]*$/.test(indent) ? indent : " ".repeat(indent.length);
  for (const indent of EXAMPLES) expect(plainIndent(indent)).toBe(byRegex(indent));
  fc.assert(
    fc.property(oracleTexts(EXAMPLES, PIECES, 2000), (indent) => {
      expect(plainIndent(indent)).toBe(byRegex(indent));
    }),
    { numRuns: ORACLE_RUNS },
  );
});
