/** fish: single quotes with two escapes, and the `awsmfa` function. shell.ts adds the rest. */
import {
  checkValue,
  checkVariableName,
  hasControl,
  type InitOptions,
  initHeader,
  isHidden,
  type ShellSyntax,
  withExtra,
  wordOrQuoted,
  wordsWithFlags,
} from "../syntax.ts";

/**
 * In fish single quotes only \\ and \' are escapes; all else, newlines too, is literal.
 * `.replace(/[\\']/g, "\\$&")` as two replaceAll: a fresh login in fish would compile it
 * (docs/performance.md; tests/shell/format-quoting.test.ts keeps it as the oracle).
 */
export function fishQuote(value: string): string {
  return `'${checkValue(value).replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

/**
 * fish's word for a person: as wordOrQuoted(), but a value with a control character (a line
 * break, a tab, an escape) as quoted runs joined by fish's own escapes, 'line'\n'break', so
 * that a suggested command stays on one line and shows what is there.
 */
function fishWord(value: string): string {
  if (!hasControl(value)) return wordOrQuoted(value, fishQuote);
  let out = "";
  let run = "";
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (!isHidden(c)) {
      run += ch;
      continue;
    }
    if (run !== "") out += fishQuote(run);
    run = "";
    const named = FISH_ESCAPES[ch];
    out +=
      named ??
      (c < 0x80
        ? `\\x${c.toString(16).padStart(2, "0")}`
        : `\\u${c.toString(16).padStart(4, "0")}`);
  }
  return run === "" ? out : out + fishQuote(run);
}

const FISH_ESCAPES: Readonly<Record<string, string>> = {
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
  "\u001b": "\\e",
};

function setVar(name: string, value: string): string {
  // `set` stops reading options at the name, so a value such as '-e' is a value.
  return `set -gx ${checkVariableName(name)} ${fishQuote(value)}`;
}

function unsetVar(name: string): string {
  // -g: the session's variable, never a universal one saved on disk. `set -e` fails when
  // the variable is not set; removing what is not there is still success.
  return `set -e -g ${checkVariableName(name)}; or true`;
}

/**
 * The binary's output is captured whole (`string collect`, so neither newlines nor IFS
 * split it) and its exit status travels as a second list element, because $pipestatus does
 * not survive the command substitution. `set -l` keeps both inside the function.
 * Passthrough commands get AWSMFA_FUNCTION=fish, which tells `awsmfa doctor` it is loaded.
 */
function initScript(options: InitOptions): string {
  const binary = fishQuote(options.binary);
  const words = options.passthrough.map((word) => wordOrQuoted(word, fishQuote));
  const lines = [
    initHeader("fish", "awsmfa shell-init fish | source"),
    "function awsmfa --description 'Temporary AWS credentials with MFA'",
  ];
  if (words.length > 0) {
    lines.push(
      `    if contains -- "$argv[1]" ${words.join(" ")}`,
      `        AWSMFA_FUNCTION=fish command ${binary} $argv`,
      "        return",
      "    end",
    );
  }
  const capture = `AWSMFA_SHELL=fish command ${binary} $argv | string collect --allow-empty`;
  lines.push(
    `    set -l __awsmfa_result (${capture}; echo $pipestatus[1])`,
    '    if test "$__awsmfa_result[-1]" -ne 0',
    "        return $__awsmfa_result[-1]",
    "    end",
    "    printf '%s\\n' $__awsmfa_result[1] | source",
    "end",
    "",
  );
  return withExtra(lines.join("\n"), options.extra);
}

/** The syntax part of the fish shell object (shell.ts). */
export const fishSyntax = {
  name: "fish",
  exportFormat: "fish",
  quote: fishQuote,
  word: fishWord,
  setVar,
  unsetVar,
  initScript,
  loadLine: "awsmfa shell-init fish | source",
  printText: (text: string) => `printf '%s' ${fishQuote(text)}\n`,
  applyLine: (words: readonly string[]) =>
    `${wordsWithFlags(words, ["--format", "fish"], fishWord)} | source`,
  failureCode: "false\n",
} as const satisfies ShellSyntax;
