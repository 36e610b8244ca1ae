/**
 * src/commands/: one file per small command, a folder per command with private code
 * (configure/, console/, doctor/, exec/, notify/), the command words (words.ts), shared flags
 * (options/) and this list. Commands may import domain and base folders; only cli.ts imports
 * commands/.
 *
 * The explicit list of commands. Order here is the order in `awsmfa --help`.
 *
 * Each command's module is loaded only when the command line needs it: a login loads the
 * login code and nothing else, which keeps start-up short (every module costs time to load,
 * even as bytecode). `--help` and `help` load them all. Names and aliases live in words.ts,
 * so that dispatch, the shell function and the eval check know every command without
 * loading any; a test checks they match the commands' own definitions.
 */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "./context.ts";
import {
  COMMAND_WORDS,
  type CommandName,
  type CommandWord,
  commandIndex,
  DEFAULT_COMMAND,
  HELP_WORDS,
  VERSION_WORDS,
  wordNamed,
} from "./words.ts";

// biome-ignore lint/suspicious/noExplicitAny: commands differ in their argument and option types.
type AnyCommand = Command<any, any, any>;

export interface CommandEntry extends CommandWord {
  load(): Promise<(context: CommandContext) => AnyCommand>;
}

type Loader = CommandEntry["load"];

/** Every command word's module; the type makes a command without a loader a compile error. */
const LOADERS: Record<CommandName, Loader> = {
  login: async () => (await import("./login.ts")).loginCommand,
  unset: async () => (await import("./unset.ts")).unsetCommand,
  logout: async () => (await import("./logout.ts")).logoutCommand,
  configure: async () => (await import("./configure/index.ts")).configureCommand,
  list: async () => (await import("./list.ts")).listCommand,
  status: async () => (await import("./status.ts")).statusCommand,
  whoami: async () => (await import("./whoami.ts")).whoamiCommand,
  "shell-init": async () => (await import("./shell-init.ts")).shellInitCommand,
  sources: async () => (await import("./sources.ts")).sourcesCommand,
  exec: async () => (await import("./exec/index.ts")).execCommand,
  "credential-process": async () =>
    (await import("./credential-process.ts")).credentialProcessCommand,
  console: async () => (await import("./console/index.ts")).consoleCommand,
  prompt: async () => (await import("./prompt.ts")).promptCommand,
  keys: async () => (await import("./keys/index.ts")).keysCommand,
  doctor: async () => (await import("./doctor/index.ts")).doctorCommand,
  upgrade: async () => (await import("./upgrade/index.ts")).upgradeCommand,
  _profiles: async () => (await import("./profiles.ts")).profilesCommand,
  _notify: async () => (await import("./notify/index.ts")).notifyCommand,
};

export const COMMANDS: readonly CommandEntry[] = entriesOf(COMMAND_WORDS);

/**
 * Each word with its loader. A plain loop and one object literal, not map() and a spread
 * (words.ts says why: each callback method's and spread's first call costs start-up time).
 */
function entriesOf(words: readonly (CommandWord & { name: CommandName })[]): CommandEntry[] {
  const entries: CommandEntry[] = [];
  for (const word of words) {
    const { name, aliases, evaluated, hidden } = word;
    entries.push({ name, aliases, evaluated, hidden, load: LOADERS[name] });
  }
  return entries;
}

/**
 * Help lists every command. shell-init's completions are rendered ahead of time
 * (shell/built-extras.ts): it loads only itself.
 */
const LOAD_ALL = new Set(HELP_WORDS);
const LOAD_NONE = new Set(VERSION_WORDS);

/** The command a command line runs: the one it names, else the default (a profile name). */
function entryNamed(word: string | undefined): CommandEntry | undefined {
  const name = wordNamed(word)?.name;
  return COMMANDS.find((entry) => entry.name === name);
}

/** What this command line needs loaded: the command it runs, or every command for help. */
export function entriesFor(argv: readonly string[]): readonly CommandEntry[] {
  // Past a leading --debug (`awsmfa --debug list`), or the command's name is taken for a
  // profile's and only login is loaded.
  const first = argv[commandIndex(argv)];
  if (first !== undefined && LOAD_ALL.has(first)) return COMMANDS;
  if (first !== undefined && LOAD_NONE.has(first)) return [];
  const named = entryNamed(first);
  return [named ?? entryNamed(DEFAULT_COMMAND)!];
}

export async function registerCommands(
  program: AnyCommand,
  context: CommandContext,
  entries: readonly CommandEntry[] = COMMANDS,
): Promise<void> {
  const factories = await Promise.all(entries.map((entry) => entry.load()));
  factories.forEach((factory, i) => {
    const entry = entries[i]!;
    program.addCommand(factory(context), {
      ...(entry.name === DEFAULT_COMMAND ? { isDefault: true } : {}),
      ...(entry.hidden ? { hidden: true } : {}),
    });
  });
}
