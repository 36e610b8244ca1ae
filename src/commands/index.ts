/**
 * The explicit list of commands. Order here is the order in `awsmfa --help`.
 *
 * Each command's module is loaded only when the command line needs it: a login loads the
 * login code and nothing else, which keeps start-up short (every module costs time to load,
 * even as bytecode). `--help` and `help` load them all. Names and aliases are written here as
 * well, so that dispatch, the shell function and the eval check know every command without
 * loading any; a test checks they match the commands' own definitions.
 */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "./context.ts";

// biome-ignore lint/suspicious/noExplicitAny: commands differ in their argument and option types.
type AnyCommand = Command<any, any, any>;

export interface CommandEntry {
  name: string;
  aliases: readonly string[];
  /** Its stdout is shell code that the shell function evaluates (login, unset, logout). */
  evaluated?: boolean;
  /** Internal (completion data, the --notify timer): left out of --help. */
  hidden?: boolean;
  load(): Promise<(context: CommandContext) => AnyCommand>;
}

export const DEFAULT_COMMAND = "login";

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "login",
    aliases: [],
    evaluated: true,
    load: async () => (await import("./login.ts")).loginCommand,
  },
  {
    name: "unset",
    aliases: [],
    evaluated: true,
    load: async () => (await import("./unset.ts")).unsetCommand,
  },
  {
    name: "logout",
    aliases: [],
    evaluated: true,
    load: async () => (await import("./logout.ts")).logoutCommand,
  },
  {
    name: "configure",
    aliases: [],
    load: async () => (await import("./configure/index.ts")).configureCommand,
  },
  { name: "list", aliases: ["ls"], load: async () => (await import("./list.ts")).listCommand },
  { name: "status", aliases: [], load: async () => (await import("./status.ts")).statusCommand },
  { name: "whoami", aliases: [], load: async () => (await import("./whoami.ts")).whoamiCommand },
  {
    name: "shell-init",
    aliases: [],
    load: async () => (await import("./shell-init.ts")).shellInitCommand,
  },
  { name: "sources", aliases: [], load: async () => (await import("./sources.ts")).sourcesCommand },
  { name: "exec", aliases: [], load: async () => (await import("./exec/index.ts")).execCommand },
  {
    name: "credential-process",
    aliases: [],
    load: async () => (await import("./credential-process.ts")).credentialProcessCommand,
  },
  {
    name: "console",
    aliases: [],
    load: async () => (await import("./console/index.ts")).consoleCommand,
  },
  { name: "prompt", aliases: [], load: async () => (await import("./prompt.ts")).promptCommand },
  {
    name: "doctor",
    aliases: [],
    load: async () => (await import("./doctor/index.ts")).doctorCommand,
  },
  {
    name: "upgrade",
    aliases: [],
    load: async () => (await import("./upgrade/index.ts")).upgradeCommand,
  },
  {
    name: "_profiles",
    aliases: [],
    hidden: true,
    load: async () => (await import("./profiles.ts")).profilesCommand,
  },
  {
    name: "_notify",
    aliases: [],
    hidden: true,
    load: async () => (await import("./notify/index.ts")).notifyCommand,
  },
];

/** Help lists every command; shell-init reads them all for completions. */
const LOAD_ALL = new Set(["-h", "--help", "help", "shell-init"]);
const LOAD_NONE = new Set(["-V", "--version"]);

/** The command a command line runs: the one it names, else the default (a profile name). */
export function entryNamed(word: string | undefined): CommandEntry | undefined {
  return COMMANDS.find((entry) => entry.name === word || entry.aliases.includes(word ?? ""));
}

/** What this command line needs loaded: the command it runs, or every command for help. */
export function entriesFor(argv: readonly string[]): readonly CommandEntry[] {
  const first = argv[0];
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

/** Commands whose stdout the shell function captures and evaluates. */
export const EVAL_COMMANDS: readonly string[] = COMMANDS.filter((e) => e.evaluated).map(
  (e) => e.name,
);

const wordsOf = (entries: readonly CommandEntry[]) =>
  entries.flatMap((e) => [e.name, ...e.aliases]);

/** Every command word (names and aliases), and those whose output the shell evaluates. */
export function commandWords() {
  return {
    all: new Set(wordsOf(COMMANDS)),
    evaluated: new Set(wordsOf(COMMANDS.filter((e) => e.evaluated))),
  };
}

/** The registered commands as a list of names and aliases, without loading any of them. */
export const COMMAND_LIST = {
  commands: COMMANDS.map((e) => ({ name: () => e.name, aliases: () => [...e.aliases] })),
};
