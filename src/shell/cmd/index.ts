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

/** The first of /["\r\n!\0]/ in `value`: a loop, which a fresh login in cmd would compile. */
function firstUnsafe(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 13 || c === 10 || c === 0x21 || c === 0) return value[i];
  }
  return undefined;
}

/** Why cmd cannot hold a value, in words, or undefined when it can. Never shows the value. */
function unsafeCharacter(value: string): string | undefined {
  const found = firstUnsafe(value);
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
  return `"${value.replaceAll("%", "%%")}"`; // not /%/g, which would compile in every run
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
  return `@set "${name}=${value.replaceAll("%", "%%")}"`;
}

export function unsetVar(name: string): string {
  return `@set "${checkVariableName(name)}="`;
}

/**
 * cmd.exe reads a batch file line by line in the console's code page (437, 850, 932...), not
 * in UTF-8, which awsmfa writes: a profile named café came out as cafÃ©. Lines that hold a
 * character past ASCII are therefore wrapped in a switch to UTF-8 (65001) and back: the code
 * page in use is read from `chcp` first (its last word, "437" or, in German, "850."), and put
 * back at the end, so the console is left as it was. Text that is all ASCII reads the same in
 * every code page and is left as it is, byte for byte.
 *
 * Not run under Wine in the tests: Wine 8's cmd crashes on `chcp 65001` (docs/shells.md).
 */
export function inUtf8CodePage(lines: string): string {
  if (isAscii(lines)) return lines;
  return [
    `@for /f "tokens=2 delims=:" %%c in ('chcp') do @for %%d in (%%c) do @set "${CODE_PAGE}=%%~nd"`,
    "@chcp 65001>nul 2>&1",
    lines.replace(/\n$/, ""),
    `@if defined ${CODE_PAGE} chcp %${CODE_PAGE}%>nul 2>&1`,
    `@set "${CODE_PAGE}="`,
    "",
  ].join("\n");
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Holds the code page while the lines run; no AWSMFA_ name (those are awsmfa's settings). */
const CODE_PAGE = "__awsmfa_code_page";

export const cmdSyntax = { quote: cmdQuote, setVar, unsetVar };
