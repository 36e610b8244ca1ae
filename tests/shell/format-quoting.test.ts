/**
 * The output formats' quoting (fish, PowerShell, cmd, dotenv), loops and replaceAll, against
 * the regular expressions they replaced (kept here as oracles): a fresh login prints its
 * session in the shell's format without compiling a regular expression of awsmfa's own
 * (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { checkCmdValue, cmdQuote, setVar } from "../../src/shell/cmd/index.ts";
import { dotenvValue } from "../../src/shell/dotenv.ts";
import { fishQuote } from "../../src/shell/fish/index.ts";
import { powershellQuote, powershellWordQuote } from "../../src/shell/powershell/index.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

const EXAMPLES = [
  "ASIA9H583DFWUKZ29TWY",
  "FhZFVKB+PdoRg55Og5LRCHDRok21W4ja71l/SV47",
  "eu-west-1",
  "it's",
  "a\\b",
  "\\'",
  "100%",
  "%PATH%",
  'say "hi"!',
  "\u2018x\u2019\u201a\u201b",
  "line\nbreak\r",
  "$" + "{HOME}", // a dollar-brace expansion
  "a@b:c/d,e=f+g.h_i",
  "",
];
const PIECES = [
  "'",
  "\\",
  "%",
  '"',
  "!",
  "\0",
  "\r",
  "\n",
  "\u2018",
  "\u201b",
  "$",
  "{",
  "a",
  "-",
  "@",
];

/** What `f` gives, or the error's message: both must agree. */
function outcome(f: () => string | undefined): string | undefined {
  try {
    return f();
  } catch (error) {
    return `threw: ${(error as Error).message}`;
  }
}

/** The loops and what the expressions gave, for one value. */
function both(value: string) {
  const ps = (quoted: string) =>
    quoted.startsWith("'") ? `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'` : quoted;
  return [
    [
      outcome(() => fishQuote(value)),
      outcome(() => {
        if (value.includes("\0")) fishQuote(value); // the NUL refusal, as before
        return `'${value.replace(/[\\']/g, "\\$&")}'`;
      }),
    ],
    [outcome(() => powershellQuote(value)), outcome(() => ps(powershellQuote(value)))],
    [outcome(() => powershellWordQuote(value)), outcome(() => ps(powershellWordQuote(value)))],
    [cmdQuote(value), `"${value.replace(/%/g, "%%")}"`],
    [
      outcome(() => setVar("AWS_X", value)),
      outcome(() => {
        checkCmdValue("AWS_X", value);
        return `@set "AWS_X=${value.replace(/%/g, "%%")}"`;
      }),
    ],
    [outcome(() => cmdCheck(value)), cmdRefusal(value)],
    [dotenvBare(value), /^[A-Za-z0-9_./:@%+,=-]*$/.test(value) && !value.includes("\0")],
  ];
}

function cmdCheck(value: string): string {
  checkCmdValue("AWS_X", value);
  return "ok";
}

/** What checkCmdValue said when /["\r\n!\0]/ found the character. */
function cmdRefusal(value: string): string {
  const found = /["\r\n!\0]/.exec(value)?.[0];
  if (found === undefined) return "ok";
  const names: Record<string, string> = {
    '"': "a double quote",
    "\r": "a line break",
    "\n": "a line break",
    "!": "an exclamation mark",
    "\0": "a NUL character",
  };
  return `threw: cmd.exe cannot safely hold the value of AWS_X: it contains ${names[found]}.`;
}

/** Whether dotenvValue wrote the value bare (every other form quotes it). */
function dotenvBare(value: string): boolean {
  return !value.includes("\0") && dotenvValue(value) === value;
}

test.each(EXAMPLES)("%j is quoted as the expressions quoted it", (value) => {
  for (const [loop, regex] of both(value)) expect(loop).toBe(regex);
});

test("every format's quoting, over generated values", () => {
  fc.assert(
    fc.property(oracleTexts(EXAMPLES, PIECES), (value) => {
      for (const [loop, regex] of both(value)) expect(loop).toBe(regex);
    }),
    { numRuns: ORACLE_RUNS },
  );
});
