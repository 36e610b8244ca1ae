/**
 * What the completion scripts know about the command line: commands, their flags, which
 * values are profile names. Built from the commander program (commands/completion-spec.ts)
 * and turned into code per shell by the files next to this one, ahead of time
 * (built-extras.ts). Plain data, so the shell
 * generators stay pure and testable with a hand-written spec.
 */

/** What a flag's value is. */
export type FlagValue =
  | { kind: "profile" }
  | { kind: "choices"; choices: readonly string[] }
  | { kind: "text"; name: string };

export interface FlagSpec {
  /** "-p", "--profile": short first when there is one. */
  names: readonly string[];
  description: string;
  /** Absent for a switch such as --force. */
  value?: FlagValue;
}

export interface CommandSpec {
  /** The name, then its aliases. */
  names: readonly string[];
  description: string;
  flags: readonly FlagSpec[];
  /** True when the first positional argument is a profile name (`login [profile]`). */
  profileArgument: boolean;
  /** The words the first positional argument may be (`shell-init bash`, `help login`). */
  argumentValues?: readonly string[];
  /** Commands under this one (`keys list`, `keys move`); absent or empty when none. */
  subcommands?: readonly CommandSpec[];
}

export interface CompletionSpec {
  commands: readonly CommandSpec[];
  /** Flags of the program itself (-h, -V). */
  globalFlags: readonly FlagSpec[];
  /** The command a bare profile name runs (`awsmfa prod` is `awsmfa login prod`). */
  defaultCommand: string;
}

/** Words that need no quoting in any shell's word list or case pattern. */
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$|^-{1,2}[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function isPlainWord(word: string): boolean {
  return PLAIN.test(word);
}

/**
 * Only plain words make it into generated word lists; commander names always are, and a
 * word that is not could not be typed without quoting anyway.
 */
export function plainWords(words: readonly string[]): string[] {
  return words.filter(isPlainWord);
}

/** A description for a completion menu: one line, without the "[env: X]" suffix. */
export function menuText(description: string): string {
  return description
    .replace(/\s*\[env: [^\]]*\]\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The command called `name` (or an alias), if any. */
export function commandNamed(spec: CompletionSpec, name: string): CommandSpec | undefined {
  return spec.commands.find((command) => command.names.includes(name));
}

/** Flags that take a value, by name. */
export function valuedFlagNames(flags: readonly FlagSpec[]): string[] {
  return plainWords(flags.filter((flag) => flag.value !== undefined).flatMap((flag) => flag.names));
}

/** Every flag name, in order. */
export function flagNames(flags: readonly FlagSpec[]): string[] {
  return plainWords(flags.flatMap((flag) => flag.names));
}

/** A command or subcommand, with the words that name it: `keys move` is ["keys", "move"]. */
export interface CommandPath {
  /** The words joined by one space: what the generated parsers compare with. */
  key: string;
  words: readonly string[];
  command: CommandSpec;
  /** The names a user may type at this level (the name, then its aliases). */
  names: readonly string[];
}

/**
 * Every command and subcommand, each parent before its children, so that a generator can
 * treat `keys move` like any other command. Commands whose name is not a plain word are left
 * out (they could not be typed unquoted).
 */
export function commandPaths(spec: CompletionSpec): CommandPath[] {
  const paths: CommandPath[] = [];
  const walk = (commands: readonly CommandSpec[], parent: readonly string[]) => {
    for (const command of commands) {
      const names = plainWords(command.names);
      if (names.length === 0) continue;
      const words = [...parent, names[0]!];
      paths.push({ key: words.join(" "), words, command, names });
      walk(command.subcommands ?? [], words);
    }
  };
  walk(spec.commands, []);
  return paths;
}

/** The subcommands of a path, as paths. */
export function subcommandPaths(paths: readonly CommandPath[], parent: CommandPath): CommandPath[] {
  return paths.filter(
    (path) =>
      path.words.length === parent.words.length + 1 && path.key.startsWith(`${parent.key} `),
  );
}

/**
 * The flags commander accepts after a command: its own and the program's (it has no
 * positional options, so `awsmfa keys list --debug` traces and `awsmfa list -V` prints the
 * version). A program flag with a name the command has too (-h, --help) is the command's:
 * each name once.
 */
export function acceptedFlags(
  own: readonly FlagSpec[],
  global: readonly FlagSpec[],
): readonly FlagSpec[] {
  const names = new Set(own.flatMap((flag) => flag.names));
  return [...own, ...global.filter((flag) => !flag.names.some((name) => names.has(name)))];
}
