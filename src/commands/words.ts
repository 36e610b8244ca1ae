/**
 * The words of the command line that name something: every command's name and aliases, which
 * of them the shell function evaluates, and the words that ask for help or the version. One
 * list, read by dispatch (index.ts), the shell function (shell-init.ts), the login hint
 * (login-command.ts) and the failure output (cli.ts), without loading any command.
 */

export interface CommandWord {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Its stdout is shell code that the shell function evaluates (login, unset, logout). */
  readonly evaluated?: boolean;
  /** Internal (completion data, the --notify timer): left out of --help. */
  readonly hidden?: boolean;
}

/** Order here is the order in `awsmfa --help`. index.ts gives each name its loader. */
export const COMMAND_WORDS = [
  { name: "login", aliases: [], evaluated: true },
  { name: "unset", aliases: [], evaluated: true },
  { name: "logout", aliases: [], evaluated: true },
  { name: "configure", aliases: [] },
  { name: "list", aliases: ["ls"] },
  { name: "status", aliases: [] },
  { name: "whoami", aliases: [] },
  { name: "shell-init", aliases: [] },
  { name: "sources", aliases: [] },
  { name: "exec", aliases: [] },
  { name: "credential-process", aliases: [] },
  { name: "console", aliases: [] },
  { name: "prompt", aliases: [] },
  { name: "keys", aliases: [] },
  { name: "doctor", aliases: [] },
  { name: "upgrade", aliases: [] },
  { name: "_profiles", aliases: [], hidden: true },
  { name: "_notify", aliases: [], hidden: true },
] as const satisfies readonly CommandWord[];

export type CommandName = (typeof COMMAND_WORDS)[number]["name"];

/** What a command line without a command word runs (`awsmfa prod`). */
export const DEFAULT_COMMAND: CommandName = "login";

/** First words that show help: commander's own flags and the `help` command. */
export const HELP_WORDS: readonly string[] = ["help", "-h", "--help"];

/** First words that print the version. */
export const VERSION_WORDS: readonly string[] = ["-V", "--version"];

/** Commands whose stdout the shell function captures and evaluates. */
export const EVAL_COMMANDS: readonly string[] = evaluatedNames();

// Plain loops in this file: it is loaded by every run, the cached fast path included, and each
// of Array's callback methods (find, filter, map...) costs 30-130 µs the first time it is
// called (docs/performance.md).
function evaluatedNames(): string[] {
  const names: string[] = [];
  for (const word of COMMAND_WORDS as readonly CommandWord[])
    if (word.evaluated) names.push(word.name);
  return names;
}

/**
 * Where the command word of a line stands: past the program's own --debug, which may come
 * first (README: `--debug` with any command; commander takes it there), else 0.
 */
export function commandIndex(argv: readonly string[]): number {
  let at = 0;
  while (argv[at] === "--debug") at++;
  return at;
}

/** The command a first word names (by name or alias), if any. */
export function wordNamed(word: string | undefined): CommandWord | undefined {
  for (const entry of COMMAND_WORDS as readonly CommandWord[]) {
    if (entry.name === word || entry.aliases.includes(word ?? "")) return entry;
  }
  return undefined;
}

/** True when a profile with this name must be written `awsmfa login NAME`, not `awsmfa NAME`. */
export function isCommandWord(word: string): boolean {
  return wordNamed(word) !== undefined || HELP_WORDS.includes(word);
}
