/**
 * The one interface every shell family implements, and the checks they share.
 *
 * A ShellSyntax is everything awsmfa knows about one shell: how it quotes, exports and removes
 * a variable, the `awsmfa` shell function that gives the binary `source` semantics, its Tab
 * completion and prompt hook, the line that loads the function and the rc file it goes in,
 * the line that applies a printed login, and how text is printed through the function. Each
 * shell folder's shell.ts builds one; shell/index.ts lists them (the only switch on shell
 * names). Implementations are pure functions of their arguments.
 */
import { UserError } from "../errors.ts";
import type { CompletionSpec } from "./completion-spec.ts";

/** The shells `awsmfa shell-init` supports. sh and dash use the bash (POSIX) code. */
export type ShellName = "bash" | "zsh" | "fish" | "powershell";

/**
 * The syntaxes renderExports/renderUnsets write. "sh" is read by bash, zsh, dash and ksh;
 * "cmd" by cmd.exe (from a batch file run with `call`).
 */
export type ExportFormat = "sh" | "fish" | "powershell" | "cmd";

export interface InitOptions {
  /** Absolute path of the awsmfa executable, embedded quoted. */
  binary: string;
  /**
   * First words (commands, -h/--help/-V/--version/help) that run the binary directly, with
   * the terminal as stdout. Every other first word, and no argument at all, goes through eval.
   */
  passthrough: readonly string[];
  /** Shell code appended after the function (completions, prompt hooks). */
  extra?: string;
}

export interface ShellSyntax {
  /** "cmd" is a --format only (shell/cmd/shell.ts), never a shell-init shell. */
  name: ShellName | "cmd";
  /** The format the binary writes when this shell evaluates its output (AWSMFA_SHELL). */
  exportFormat: ExportFormat;
  /** A literal that evaluates to exactly `value`. */
  quote(value: string): string;
  /** One line that sets and exports a variable for the rest of the session. */
  setVar(name: string, value: string): string;
  /** One line that removes a variable; it succeeds when the variable is not set. */
  unsetVar(name: string): string;
  /** The `awsmfa` shell function, ending with a newline. */
  initScript(options: InitOptions): string;
  /** A word as a person would type it: as it is when this shell reads it literally, else quoted. */
  word(word: string): string;
  /** The line that loads the function (`eval "$(awsmfa shell-init bash)"`). */
  loadLine: string;
  /**
   * Tab completion and the prompt hook, imported only when their text is generated (a login
   * never needs them, and they are most of a shell's code; `awsmfa shell-init` prints them as
   * rendered ahead of time: built-extras.ts); absent where there are neither.
   */
  extras?(): Promise<ShellExtras>;
  /** The start-up file the installer writes loadLine to (doctor looks there), if any. */
  rcFile?(place: RcPlace): RcFile;
  /** Code that prints exactly `text` (non-empty): the function evaluates what it is given. */
  printText(text: string): string;
  /** The line that applies a login printed for this shell; `words` unquoted (see withFlags). */
  applyLine(words: readonly string[]): string;
  /** Code that fails when evaluated, so a failed `--format` login cannot look applied. */
  failureCode: string | undefined;
}

export interface ShellExtras {
  /** Tab completion for the function; absent where the shell has no completion system. */
  completion?(spec: CompletionSpec, binary: string): string;
  /** The expiry-warning prompt hook; absent where a hook would cost a process per prompt. */
  promptHook?(): string;
}

/** What an rc file's place depends on. */
export interface RcPlace {
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
}

export interface RcFile {
  path: string;
  line: string;
  /** Other files that may hold the line (bash reads ~/.bashrc or ~/.bash_profile). */
  also?: string[];
}

/**
 * Throws unless `name` is a portable environment variable name (/^[A-Za-z_][A-Za-z0-9_]*$/).
 * Names are never secret. A loop: every cached login checks its eight names, and runs no
 * regular expression (the first one costs it ~0.15 ms and 1.4 MiB: docs/performance.md).
 */
export function checkVariableName(name: string): string {
  if (!isVariableName(name)) {
    throw new Error(`Not a valid environment variable name: ${JSON.stringify(name)}`);
  }
  return name;
}

function isVariableName(name: string): boolean {
  if (name === "") return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
    if (!letter && !(i > 0 && c >= 0x30 && c <= 0x39)) return false;
  }
  return true;
}

/**
 * Throws if `value` cannot be held by an environment variable. NUL is the only such
 * character: shells and execve() end a string at it. The value may be a secret, so the
 * message does not include it.
 */
export function checkValue(value: string): string {
  if (value.includes("\0")) {
    throw new UserError("A value to print contains a NUL character, which no shell can hold.", {
      hint: "Rename the profile (or check the value's source) so that it has no NUL character.",
    });
  }
  return value;
}

/**
 * Whether `value` holds a character that a word shown to a person spells with the shell's
 * escapes (bash, zsh, fish, PowerShell; sh's printf), on one line: C0, DEL, C1, and what
 * the writer shows escaped in a message (system/printable.ts): U+2028, U+2029 and the bidi
 * controls. Left as it is, U+202E would reach the terminal as the text \u202e, which pastes
 * back as six other characters.
 */
export function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (isHidden(value.charCodeAt(i))) return true;
  }
  return false;
}

/** One UTF-16 unit of the kind hasControl() looks for. */
export function isHidden(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  );
}

/** Words that are safe to write unquoted in case patterns and lists of every shell. */
const PLAIN_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$|^-{1,2}[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** `word` as it is, when that is safe, else `quote(word)`: keeps generated lists readable. */
export function wordOrQuoted(word: string, quote: (value: string) => string): string {
  return PLAIN_WORD.test(word) ? word : quote(word);
}

/** The header comment every init script starts with. */
export function initHeader(shell: ShellName, loadWith: string): string {
  return [
    `# awsmfa shell integration for ${shell}, generated by \`awsmfa shell-init ${shell}\`.`,
    `# Load it with: ${loadWith}`,
    "",
  ].join("\n");
}

/** Appends optional extra code, keeping exactly one newline at the end. */
export function withExtra(script: string, extra: string | undefined): string {
  if (extra === undefined || extra === "") return script;
  return `${script}\n${extra.endsWith("\n") ? extra : `${extra}\n`}`;
}

/**
 * The invocation's words with `flags` added where the command still reads them as flags:
 * before a `--` (after it, `awsmfa login -- -rf --format fish` would read `--format` as a
 * profile name), else at the end. Each word quoted with `quote` when it needs it.
 */
export function wordsWithFlags(
  words: readonly string[],
  flags: readonly string[],
  quote: (value: string) => string,
): string {
  const end = words.indexOf("--");
  const all =
    end === -1 ? [...words, ...flags] : [...words.slice(0, end), ...flags, ...words.slice(end)];
  return all.map((word) => wordOrQuoted(word, quote)).join(" ");
}
