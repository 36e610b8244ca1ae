/**
 * cmd.exe: `@set "NAME=value"` lines for `--format cmd`, meant to be saved as a batch file and
 * run with `call` (cmd has no eval and no shell function, so there is no init script).
 *
 * cmd's rules, inside a batch file: in `set "NAME=value"` the quotes make & | < > ^ ( ) and
 * spaces literal, and the value ends at the last quote on the line; `%` starts an expansion
 * and is written `%%`. What cmd cannot hold safely is refused instead of guessed at:
 *  - a double quote: it would end the quoting early, and the rest of the line would run as
 *    commands (`"&calc&"`);
 *  - CR or LF: a batch line ends there;
 *  - `!`: with delayed expansion on (a registry or `cmd /v` setting awsmfa cannot see) it
 *    expands, and no escape works both with it on and off;
 *  - NUL: no environment variable can hold it.
 * AWS keys, tokens, regions and times never contain these; a profile name might.
 */
import { UserError } from "../../errors.ts";
import { checkVariableName } from "../syntax.ts";

const UNSAFE = /["\r\n!\0]/;

/** Why cmd cannot hold a value, in words, or undefined when it can. Never shows the value. */
function unsafeCharacter(value: string): string | undefined {
  const found = UNSAFE.exec(value)?.[0];
  if (found === undefined) return undefined;
  const names: Record<string, string> = {
    '"': "a double quote",
    "\r": "a line break",
    "\n": "a line break",
    "!": "an exclamation mark",
    "\0": "a NUL character",
  };
  return names[found];
}

export function cmdQuote(value: string): string {
  return `"${value.replace(/%/g, "%%")}"`;
}

/** Throws the refusal when cmd.exe cannot hold `value`; checked early for the profile name. */
export function checkCmdValue(name: string, value: string): void {
  const problem = unsafeCharacter(value);
  if (problem) {
    throw new UserError(
      `cmd.exe cannot safely hold the value of ${name}: it contains ${problem}.`,
      {
        code: "usage",
        hint: "Use --format powershell or --format json instead (or rename the profile if the name holds it).",
      },
    );
  }
}

export function setVar(name: string, value: string): string {
  checkCmdValue(checkVariableName(name), value);
  // `@`: a batch file echoes each line it runs; these hold secrets.
  return `@set "${name}=${value.replace(/%/g, "%%")}"`;
}

export function unsetVar(name: string): string {
  return `@set "${checkVariableName(name)}="`;
}

export const cmdSyntax = { quote: cmdQuote, setVar, unsetVar };
