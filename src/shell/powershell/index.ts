/**
 * PowerShell (Windows PowerShell 5.1 and pwsh 7): single quotes and the `awsmfa` function.
 * shell.ts adds the prompt hook.
 */
import {
  checkValue,
  checkVariableName,
  type InitOptions,
  initHeader,
  type ShellSyntax,
  withExtra,
  wordOrQuoted,
  wordsWithFlags,
} from "../syntax.ts";

/**
 * In a single-quoted string a quote is written twice. PowerShell also takes the typographic
 * single quotes (U+2018..U+201B) as quotes, so they are doubled too.
 */
export function powershellQuote(value: string): string {
  return `'${checkValue(value).replace(/['\u2018\u2019\u201a\u201b]/g, "$&$&")}'`;
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
  word: (word: string) => wordOrQuoted(word, powershellQuote),
  setVar,
  unsetVar,
  initScript,
  loadLine: "awsmfa shell-init powershell | Out-String | Invoke-Expression",
  // PowerShell ends each string it writes with a newline of its own.
  printText: (text: string) => `Write-Output ${powershellQuote(text.replace(/\n$/, ""))}\n`,
  applyLine: (words: readonly string[]) =>
    `${wordsWithFlags(words, ["--format", "powershell"], powershellQuote)} | Invoke-Expression`,
  // `false` is no PowerShell command; `| Invoke-Expression` of nothing does nothing.
  failureCode: undefined,
} as const satisfies ShellSyntax;
