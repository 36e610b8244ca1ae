/**
 * bash and zsh (and sh, dash, which read the same code): POSIX single quotes and the
 * `awsmfa` shell function. bash/shell.ts, zsh/shell.ts and ./shell.ts (sh, dash) add what
 * differs between them.
 */
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
import { needsPrintf, printfWord } from "./printf-word.ts";

/**
 * Single quotes keep every byte literal in every POSIX shell; a single quote itself is
 * written as '\'' (close, escaped quote, reopen). The result never contains '' inside a
 * quoted run, so zsh's RC_QUOTES option cannot change its meaning.
 */
export function posixQuote(value: string): string {
  return `'${checkValue(value).replaceAll("'", "'\\''")}'`;
}

/**
 * Words a POSIX shell passes on unchanged: no quoting needed. Not one that starts with `=`:
 * zsh replaces `=ls` with the path of the ls command.
 */
const SHELL_SAFE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

function word(value: string): string {
  return SHELL_SAFE.test(value) ? value : posixQuote(value);
}

/**
 * bash's and zsh's word for a person: as word(), but a value with a control character (a
 * line break, a tab, an escape) in ANSI-C quotes, $'line\nbreak', so that a suggested command
 * stays on one line and shows what is there. $'...' is not sh's and dash's: they get shWord().
 */
function ansiCWord(value: string): string {
  if (!hasControl(value)) return word(value);
  let out = "";
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    const named = ANSI_C[ch];
    if (named !== undefined) out += named;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c >= 0x80 && c <= 0x9f) out += `\\u00${c.toString(16)}`;
    // U+2028, bidi controls: their UTF-8 bytes, which $'...' gives back in any locale.
    else if (isHidden(c)) out += utf8Bytes(ch);
    else out += ch;
  }
  return `$'${out}'`;
}

/** sh's and dash's word for a person: as word(), but one line for a line break (printf-word.ts). */
function shWord(value: string): string {
  return needsPrintf(value) ? printfWord(value) : word(value);
}

function utf8Bytes(ch: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16)}`;
  return out;
}

const ANSI_C: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "'": "\\'",
  "\n": "\\n",
  "\t": "\\t",
  "\r": "\\r",
  "\u001b": "\\e",
};

function setVar(name: string, value: string): string {
  return `export ${checkVariableName(name)}=${posixQuote(value)}`;
}

function unsetVar(name: string): string {
  // -v: never remove a shell function that happens to share the name.
  return `unset -v ${checkVariableName(name)}`;
}

/**
 * The function, written to survive what users put in their shells:
 * - `set -u`: only ${1-} and ${1+"$@"} touch the arguments (bash 4.0-4.3 fail on a bare "$@").
 * - `set -e`: the failing binary is caught by `||`, so the shell does not exit before
 *   the function can return the binary's exit code.
 * - any IFS, noglob, nullglob: every expansion is quoted.
 * - an alias named awsmfa would shadow the function, so it goes. bash and dash run eval'd
 *   code one command at a time, so `unalias` acts before `awsmfa() {` is read; zsh reads
 *   all of it first and would expand the alias there, so zsh gets `function awsmfa {`.
 * Passthrough commands get AWSMFA_FUNCTION=<shell> (for `awsmfa doctor`: the function is
 * loaded). Helper variables are `local`, so nothing is left behind. zsh resets its options for the
 * function's duration with `emulate -L zsh`, which also makes traps local: the INT trap keeps
 * zsh from abandoning the function (with status 1) when Ctrl-C kills the binary, so the
 * function returns the binary's own 130. bash and dash already report 130.
 */
function posixInit(shell: "bash" | "zsh", options: InitOptions): string {
  const binary = posixQuote(options.binary);
  const words = options.passthrough.map((word) => wordOrQuoted(word, posixQuote));
  const lines = [
    initHeader(shell, `eval "$(awsmfa shell-init ${shell})"`),
    "unalias awsmfa 2>/dev/null || true",
    shell === "zsh" ? "function awsmfa {" : "awsmfa() {",
  ];
  if (shell === "zsh") lines.push("  emulate -L zsh", "  trap : INT");
  lines.push(`  case "\${1-}" in`);
  if (words.length > 0) {
    lines.push(
      `    ${words.join("|")})`,
      `      AWSMFA_FUNCTION=${shell} ${binary} \${1+"$@"}`,
      "      ;;",
    );
  }
  lines.push(
    "    *)",
    "      local __awsmfa_code __awsmfa_status=0",
    `      __awsmfa_code="$(AWSMFA_SHELL=${shell} ${binary} \${1+"$@"})" || __awsmfa_status=$?`,
    '      if [ "$__awsmfa_status" -eq 0 ]; then',
    '        eval "$__awsmfa_code"',
    "      else",
    '        return "$__awsmfa_status"',
    "      fi",
    "      ;;",
    "  esac",
    "}",
    "",
  );
  return withExtra(lines.join("\n"), options.extra);
}

/**
 * What bash, zsh, sh and dash share: everything but completion, the prompt hook and the rc
 * file. `shell` names the function's code (sh and dash load bash's); `ansiC`, whether the
 * shell reads $'...' (bash, zsh; not sh, dash), for words shown to a person.
 */
export function posixSyntax(shell: "bash" | "zsh", ansiC = true): ShellSyntax {
  return {
    name: shell,
    exportFormat: "sh",
    quote: posixQuote,
    word: ansiC ? ansiCWord : shWord,
    setVar,
    unsetVar,
    initScript: (options) => posixInit(shell, options),
    loadLine: `eval "$(awsmfa shell-init ${shell})"`,
    printText: (text) => `printf '%s' ${posixQuote(text)}\n`,
    // Shown to be pasted: words as a person types them, on one line where the shell can.
    applyLine: (words) => `eval "$(${wordsWithFlags(words, [], ansiC ? ansiCWord : shWord)})"`,
    failureCode: "false\n",
  };
}
