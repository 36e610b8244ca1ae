/**
 * PowerShell (Windows PowerShell 5.1 and pwsh 7): single quotes and the `awsmfa` function.
 * shell.ts adds the prompt hook.
 */
import {
  checkValue,
  checkVariableName,
  type InitOptions,
  initHeader,
  isHidden,
  type ShellSyntax,
  withExtra,
  wordOrQuoted,
  wordsWithFlags,
} from "../syntax.ts";

/**
 * In a single-quoted string a quote is written twice. PowerShell also takes the typographic
 * single quotes (U+2018..U+201B) as quotes, so they are doubled too.
 *
 * That is all a value needs in a file, but the code awsmfa writes reaches PowerShell as a
 * native program's output (`awsmfa shell-init powershell | Out-String | Invoke-Expression`,
 * and the function's `(& awsmfa ...) -join "`n"`), which PowerShell reads as lines: a CR, a
 * LF or CRLF ends one, and they are joined again with LF (or CRLF), so a line break in a
 * value came back as another one (a binary in a folder with a CR in its name was not found).
 * It also decodes those lines with [Console]::OutputEncoding, on Windows the console's OEM
 * code page unless set to UTF-8, which garbles every non-ASCII character. So a value with a
 * control or non-ASCII character is written in ASCII alone, as a double-quoted string that
 * spells those characters as escapes PowerShell 5.1 and 7 both know (`r, `n, `t,
 * $([char]0xHHHH)), with ` $ " escaped: no line break or code page can change it.
 */
export function powershellQuote(value: string): string {
  checkValue(value);
  return needsEscapes(value, true) ? doubleQuoted(value, true) : singleQuoted(value);
}

/**
 * The quoting for a value a person reads or pastes (suggested commands): as powershellQuote,
 * but non-ASCII characters stay as they are (the terminal shows them; no program's output is
 * decoded on the way), and only control characters, which would break the line or hide, are
 * spelled as escapes.
 */
export function powershellWordQuote(value: string): string {
  checkValue(value);
  return needsEscapes(value, false) ? doubleQuoted(value, false) : singleQuoted(value);
}

/**
 * Each single quote PowerShell knows doubled: `.replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")`
 * as a loop, which a fresh login in PowerShell would otherwise compile (docs/performance.md;
 * tests/shell/format-quoting.test.ts keeps the expression as the oracle).
 */
function singleQuoted(value: string): string {
  let out = "'";
  let done = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x27 || (c >= 0x2018 && c <= 0x201b)) {
      out += value.slice(done, i + 1) + value[i];
      done = i + 1;
    }
  }
  return `${out}${value.slice(done)}'`;
}

/** Whether `value` holds a control character (C0, DEL, C1), or, with `ascii`, any non-ASCII. */
function needsEscapes(value: string, ascii: boolean): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isHidden(c) || (ascii && c > 0x7e)) return true;
  }
  return false;
}

const BACKTICK_ESCAPES: Readonly<Record<string, string>> = {
  "\t": "`t",
  "\n": "`n",
  "\r": "`r",
  "`": "``",
  $: "`$",
  '"': '`"',
  // PowerShell also ends a double-quoted string at the typographic double quotes.
  "\u201c": "`\u201c",
  "\u201d": "`\u201d",
  "\u201e": "`\u201e",
};

/** A double-quoted string that is exactly `value` (every UTF-16 unit, lone surrogates too). */
function doubleQuoted(value: string, ascii: boolean): string {
  let out = "";
  for (const ch of value.split("")) {
    const c = ch.charCodeAt(0);
    const backtick = BACKTICK_ESCAPES[ch];
    if (backtick !== undefined && (c < 0x80 || !ascii)) out += backtick;
    else if (isHidden(c) || (ascii && c > 0x7e)) {
      out += `$([char]0x${c.toString(16).toUpperCase().padStart(4, "0")})`;
    } else out += ch;
  }
  return `"${out}"`;
}

function setVar(name: string, value: string): string {
  return `$env:${checkVariableName(name)} = ${powershellQuote(value)}`;
}

function unsetVar(name: string): string {
  return `Remove-Item -LiteralPath Env:${checkVariableName(name)} -ErrorAction SilentlyContinue`;
}

/**
 * AWSMFA_SHELL is set for the one call and restored (or removed: assigning $null removes an
 * environment variable) even when the call throws. Function variables are local to the
 * function; the binary's exit code stays in $LASTEXITCODE for the caller. Passthrough
 * commands get AWSMFA_FUNCTION the same way (for `awsmfa doctor`: the function is loaded).
 */
function initScript(options: InitOptions): string {
  const binary = powershellQuote(options.binary);
  const words = options.passthrough.map(powershellQuote).join(", ");
  const lines = [
    initHeader("powershell", "awsmfa shell-init powershell | Out-String | Invoke-Expression"),
    "function awsmfa {",
  ];
  if (options.passthrough.length > 0) {
    lines.push(
      `  if ($args.Count -gt 0 -and @(${words}) -ccontains [string]$args[0]) {`,
      "    $awsmfaPrevious = $env:AWSMFA_FUNCTION",
      "    $env:AWSMFA_FUNCTION = 'powershell'",
      "    try {",
      `      & ${binary} @args`,
      "    } finally {",
      "      $env:AWSMFA_FUNCTION = $awsmfaPrevious",
      "    }",
      "    return",
      "  }",
    );
  }
  lines.push(
    "  $awsmfaPrevious = $env:AWSMFA_SHELL",
    "  $env:AWSMFA_SHELL = 'powershell'",
    "  try {",
    `    $awsmfaCode = (& ${binary} @args) -join "\`n"`,
    "    $awsmfaStatus = $LASTEXITCODE",
    "  } finally {",
    "    $env:AWSMFA_SHELL = $awsmfaPrevious",
    "  }",
    "  if ($awsmfaStatus -eq 0 -and $awsmfaCode) {",
    "    Invoke-Expression $awsmfaCode",
    "  }",
    "}",
    "",
  );
  return withExtra(lines.join("\n"), options.extra);
}

/** The syntax part of the PowerShell shell object (shell.ts). */
export const powershellSyntax = {
  name: "powershell",
  exportFormat: "powershell",
  quote: powershellQuote,
  word: (word: string) => wordOrQuoted(word, powershellWordQuote),
  setVar,
  unsetVar,
  initScript,
  loadLine: "awsmfa shell-init powershell | Out-String | Invoke-Expression",
  // PowerShell ends each string it writes with a newline of its own.
  printText: (text: string) => `Write-Output ${powershellQuote(text.replace(/\n$/, ""))}\n`,
  applyLine: (words: readonly string[]) =>
    `${wordsWithFlags(words, ["--format", "powershell"], powershellWordQuote)} | Invoke-Expression`,
  // `false` is no PowerShell command; `| Invoke-Expression` of nothing does nothing.
  failureCode: undefined,
} as const satisfies ShellSyntax;
