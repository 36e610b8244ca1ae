/**
 * What the completion scripts know about the command line: commands, their flags, which
 * values are profile names. Built from the commander program (commands/completion-spec.ts)
 * and turned into code per shell by the files next to this one. Plain data, so the shell
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
