/**
 * dotenv lines (`NAME=value`) that both common readers, python-dotenv and the `dotenv` npm
 * package (either of its parsers), read back as exactly the value written.
 *
 * The two disagree on escapes, so the value takes the first form that means the same to both:
 * 1. bare, when it is made only of characters neither reader treats specially
 *    (letters, digits and _ . / : @ % + , = -), as AWS keys, tokens and regions are;
 * 2. 'single-quoted', when it has no single quote, no carriage return (npm turns CR into LF
 *    before parsing), no `\\` (python reads it as one backslash, npm as two) and does not end
 *    in a backslash (python would read `\'` as an escaped quote);
 * 3. "double-quoted", with LF and CR written as \n and \r (both readers decode exactly those),
 *    when it has no double quote and no backslash.
 * Anything else (a value with both a single quote and a backslash or a double quote, say)
 * has no spelling both readers agree on, and dotenvLine throws rather than write a value that
 * one of them would read differently. So are values python-dotenv would expand in any form
 * (`${NAME}`, `${NAME:-default}`: it has no escape for them), and U+2028 and U+2029, which end
 * a line for npm's fast parser.
 */
import { UserError } from "../errors.ts";
import { checkValue, checkVariableName } from "./syntax.ts";

/**
 * /^[A-Za-z0-9_./:@%+,=-]*$/ as a loop: a fresh login's dotenv output (AWS keys, tokens,
 * regions) decides with it alone, and an expression would compile in every run
 * (docs/performance.md; tests/shell/format-quoting.test.ts keeps it as the oracle).
 */
function isBare(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const alnum = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
    // _ . / : @ % + , = -
    if (!alnum && "_./:@%+,=-".indexOf(value[i]!) < 0) return false;
  }
  return true;
}
/** python-dotenv's own pattern for the variables it expands. */
const PYTHON_EXPANSION = /\$\{[^}:]*(?::-[^}]*)?\}/;

/** The value as it appears after `NAME=`, or undefined when no form reads back exactly. */
export function dotenvValue(value: string): string | undefined {
  checkValue(value);
  if (isBare(value)) return value;
  if (/[\u2028\u2029]/.test(value) || PYTHON_EXPANSION.test(value)) return undefined;
  if (!/['\r]|\\\\|\\$/.test(value)) return `'${value}'`;
  if (!/["\\]/.test(value)) {
    return `"${value.replaceAll("\n", "\\n").replaceAll("\r", "\\r")}"`;
  }
  return undefined;
}

/** One `NAME=value` line. Throws when the value has no spelling both readers agree on. */
export function dotenvLine(name: string, value: string): string {
  const written = dotenvValue(value);
  if (written === undefined) {
    // The value may be a secret: the message names only the variable.
    throw new UserError(
      `The value of ${checkVariableName(name)} cannot be written to a dotenv file so that ` +
        "every reader reads it back unchanged (it mixes quote kinds and backslashes, or holds a dollar-brace expansion).",
      {
        hint: "Use another output format, e.g. --format json or --format sh. Nothing was written.",
      },
    );
  }
  return `${checkVariableName(name)}=${written}`;
}
