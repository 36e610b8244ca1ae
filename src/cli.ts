/**
 * run(argv, deps): parses the command line, dispatches to one command, prints any error once,
 * decides what stdout carries on failure, and returns the exit code. Commands are listed
 * explicitly in commands/index.ts. cli.ts may import commands/ and everything below it.
 */
import type { Command, CommandUnknownOpts } from "@commander-js/extra-typings";
import type { CommandContext, RunState } from "./commands/context.ts";
import { useCommander } from "./commands/options/commander.ts";
import {
  commandIndex,
  DEFAULT_COMMAND,
  HELP_WORDS,
  VERSION_WORDS,
  wordNamed,
} from "./commands/words.ts";
import type { Deps, Writer } from "./deps.ts";
import { CancelledError, ExitCode, exitCodeFor } from "./errors.ts";
import type { ModeInputs, OutputMode } from "./output/mode.ts";
import { printableInLine } from "./system/printable.ts";
import { printError } from "./ui/report.ts";

export async function buildProgram(
  context: CommandContext,
  argv?: readonly string[],
): Promise<Command> {
  const { deps } = context;
  // Loaded only under the shell function, which evaluates stdout (see wrapped-print.ts).
  const wrapped = deps.env.AWSMFA_SHELL ? await import("./output/wrapped-print.ts") : undefined;
  const commander = await import("@commander-js/extra-typings");
  useCommander(commander);
  const program = new commander.Command("awsmfa")
    .description(
      "Temporary AWS credentials with MFA, where you need them: your shell, ~/.aws/credentials, a child process or an SDK.",
    )
    .version(
      versionLine(deps),
      "-V, --version",
      "print the version and the git commit it was built from",
    )
    .helpOption("-h, --help", "show help")
    .option(
      "--debug",
      "trace decisions and AWS requests on stderr, secrets masked (AWSMFA_DEBUG=1)",
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // `awsmfa login --help` through the shell function: help is printed, not evaluated.
      writeOut: (text) => deps.io.stdout.write(wrapped ? wrapped.forStdout(deps.env, text) : text),
      writeErr: (text) => deps.io.stderr.write(text),
      outputError: (text, write) =>
        write(`awsmfa: ${argvInLine(text.replace(/^error: /, ""), argv ?? [])}`),
    });
  program.configureOutput(knownOutputFacts(program, deps));
  // The list of commands loads with commander, not with cli.ts: the lines read without a
  // parser (a login with its code, `shell-init SHELL`, `list`) never use it.
  const { COMMANDS, entriesFor, registerCommands } = await import("./commands/index.ts");
  await registerCommands(program, context, argv ? entriesFor(argv) : COMMANDS);
  inheritSettings(program);
  return program;
}

/**
 * Commander's message with each word of the line it quotes shown as one line (printableInLine):
 * its messages name the words raw ("argument 'x' is invalid"), and keep their own line breaks
 * ("(Did you mean --force?)"), so a word holding a line break could fake a line of its own.
 * A word's part after "=" too: --format=x is quoted as 'x'.
 */
function argvInLine(text: string, argv: readonly string[]): string {
  const odd = argv
    .flatMap((word) => [word, word.slice(word.indexOf("=") + 1)])
    .filter((word) => /[\t\n\r]/.test(word))
    .sort((a, b) => b.length - a.length);
  return odd.reduce((shown, word) => shown.replaceAll(word, printableInLine(word)), text);
}

/** The subcommands the words after a command name, in a row (`keys move`): their names. */
function subcommandWords(
  program: Command | undefined,
  name: string,
  rest: readonly string[],
): string[] {
  const found: string[] = [];
  let command: CommandUnknownOpts | undefined = program?.commands.find((c) => c.name() === name);
  for (const word of rest) {
    command = command?.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!command) break;
    found.push(command.name());
  }
  return found;
}

/**
 * Commands built with `new Command()` do not inherit output and exit handling by themselves,
 * nor do their own subcommands (`keys move`), which took their settings from a parent that had
 * none yet: every level gets them, so a usage error anywhere exits 2 through run()'s printer
 * instead of commander's process.exit(1).
 */
function inheritSettings(parent: CommandUnknownOpts): void {
  for (const command of parent.commands) {
    command.copyInheritedSettings(parent);
    inheritSettings(command);
  }
}

/**
 * `beforeAction` runs once the command line is parsed, just before the command's action, with
 * the command's name; `beforeProgram` before commander is loaded and the commands are defined
 * (not for the lines read without it: a login with its code, `shell-init SHELL`, `list`).
 */
export async function run(
  givenArgv: readonly string[],
  given: Deps,
  beforeAction?: (command: string) => void,
  beforeProgram?: () => void,
): Promise<number> {
  const argv = upgradeVersionFlag(givenArgv);
  const deps = withDebugFlag(argv, given);
  if (argv.length === 1 && VERSION_WORDS.includes(argv[0]!) && !deps.env.AWSMFA_SHELL) {
    return printVersion(deps);
  }
  const state: RunState = { exitCode: ExitCode.ok, outputMode: undefined };
  // A login with its code typed (a fresh one) needs no parser: commands/known-login.ts. Not in
  // a build without the fast path, where commander runs every line: the e2e tests run against
  // that build too (.ci/stages/60-full-path.sh), so both ways pass the same assertions.
  const known =
    knownLinesRun() && argv.some(isOtpWord)
      ? (await import("./commands/known-login.ts")).knownLoginLine(argv, deps.env)
      : undefined;
  // Nor does `shell-init SHELL` with nothing else (commands/shell-init-script.ts), nor a plain
  // `list` (commands/list/run.ts).
  const initShell = knownLinesRun() ? shellInitLine(argv) : undefined;
  const list = knownLinesRun() ? listLine(argv) : undefined;
  const needsProgram = !known && initShell === undefined && list === undefined;
  if (needsProgram) beforeProgram?.();
  const program = needsProgram ? await buildProgram({ deps, state }, argv) : undefined;
  if (beforeAction && program) {
    program.hook("preAction", (_program, action) => beforeAction(action.name()));
  }
  /** The --format a command got, as far as it was parsed. */
  const formatOf = (name: string): unknown =>
    known
      ? known.format
      : program?.commands.find((command) => command.name() === name)?.opts().format;
  // The output modes bring every shell's code: loaded when a run fails, not for `--version`.
  const failed = async () => {
    const { failureCode, outputMode } = await import("./output/mode.ts");
    const mode = state.outputMode ?? parsedOutputMode(formatOf, argv, deps, outputMode);
    const stdout = mode && failureCode(mode);
    try {
      if (stdout !== undefined) deps.io.stdout.write(stdout);
    } catch {
      // stdout cannot be written (closed, a full disk): the run has failed and said why.
    }
  };
  try {
    if (known) {
      beforeAction?.("login");
      const { knownLoginOptions, runLogin } = await import("./commands/login.ts");
      state.exitCode = await runLogin(knownLoginOptions(known, deps.env), deps, state);
      return state.exitCode;
    }
    if (list !== undefined) {
      beforeAction?.("list");
      const { runList } = await import("./commands/list/run.ts");
      state.exitCode = await runList(list, deps);
      return state.exitCode;
    }
    if (initShell !== undefined) {
      beforeAction?.("shell-init");
      const { parseShellInit, runShellInit } = await import("./commands/shell-init-script.ts");
      state.exitCode = await runShellInit(parseShellInit(initShell), deps);
      return state.exitCode;
    }
    await program!.parseAsync([...argv], { from: "user" });
    return state.exitCode;
  } catch (error) {
    const { CommanderError } = await import("@commander-js/extra-typings");
    if (error instanceof CommanderError) {
      // Help and version end here too; commander has already printed what it had to say.
      if (error.exitCode === 0) return ExitCode.ok;
      await failed();
      const at = commandIndex(argv);
      const named = wordNamed(argv[at]);
      const words = named
        ? [named.name, ...subcommandWords(program, named.name, argv.slice(at + 1))]
        : [];
      deps.io.stderr.write(`Run \`${["awsmfa", ...words, "--help"].join(" ")}\` for usage.\n`);
      return ExitCode.usage;
    }
    const reported = isPromptCancel(error) ? new CancelledError() : error;
    const { quoteForUser } = await import("./output/mode.ts");
    printError(reported, deps, quoteForUser(deps.env));
    await failed();
    return exitCodeFor(reported);
  }
}

/** false in a build made with `bun build.ts --no-fast-path`; undefined when run from source. */
declare const AWSMFA_FAST_PATH: boolean | undefined;

function knownLinesRun(): boolean {
  return typeof AWSMFA_FAST_PATH === "undefined" || AWSMFA_FAST_PATH;
}

/**
 * The shell of a line that is `shell-init` and one word that is no flag: what commander would
 * hand shell-init's action, as its only argument. Anything else (a flag, --help, a second
 * word) is left to commander.
 */
function shellInitLine(argv: readonly string[]): string | undefined {
  const [command, shell] = argv;
  if (argv.length !== 2 || command !== "shell-init" || shell!.startsWith("-")) return undefined;
  return shell;
}

/**
 * The options of a line that is `list` or `ls`, alone or with `--json`: what commander would
 * hand list's action. Anything else (another flag, --help, a second word) is left to commander.
 */
function listLine(argv: readonly string[]): { json: boolean } | undefined {
  const [command, flag] = argv;
  if (command !== "list" && command !== "ls") return undefined;
  if (argv.length === 1) return { json: false };
  return argv.length === 2 && flag === "--json" ? { json: true } : undefined;
}

/** `--otp` or `--otp=...`: a line that may be a known login (commands/known-login.ts). */
function isOtpWord(word: string): boolean {
  return word === "--otp" || word.startsWith("--otp=");
}

function versionLine(deps: Deps): string {
  return `awsmfa ${deps.build.version} (commit ${deps.build.commit})`;
}

/**
 * Commander's answer to `awsmfa --version` (or -V) alone, a failed write included, without
 * loading commander (~3 ms). Under the shell function commander answers (wrapped output).
 */
async function printVersion(deps: Deps): Promise<number> {
  try {
    deps.io.stdout.write(`${versionLine(deps)}\n`);
    return ExitCode.ok;
  } catch (error) {
    const { quoteForUser } = await import("./output/mode.ts");
    printError(error, deps, quoteForUser(deps.env));
    return exitCodeFor(error);
  }
}

/** Commander's help width when it has none from the terminal. */
const DEFAULT_WIDTH = 80;

/**
 * Commander asks process.stdout and process.stderr for the help width and for colours, and
 * creating those stream objects costs `--help` ~2 ms. Off a terminal, with no colour variable
 * set, commander's answers are known without them (80 columns; no colours, so escape codes
 * are stripped); otherwise commander is asked as before.
 */
function knownOutputFacts(program: Command, deps: Deps) {
  const asked = program.configureOutput();
  const colourSet = ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"].some(
    (name) => deps.env[name] !== undefined,
  );
  const known = (writer: Writer) => !writer.isTTY && !colourSet;
  return {
    getOutHelpWidth: () =>
      deps.io.stdout.isTTY ? (asked.getOutHelpWidth?.() ?? DEFAULT_WIDTH) : DEFAULT_WIDTH,
    getErrHelpWidth: () =>
      deps.io.stderr.isTTY ? (asked.getErrHelpWidth?.() ?? DEFAULT_WIDTH) : DEFAULT_WIDTH,
    getOutHasColors: () => !known(deps.io.stdout) && Boolean(asked.getOutHasColors?.()),
    getErrHasColors: () => !known(deps.io.stderr) && Boolean(asked.getErrHasColors?.()),
  };
}

/**
 * `awsmfa upgrade --version v1.2.3` names the release to install, as installers say it; but
 * commander gives the program's own -V/--version every `--version` on the line, wherever it
 * stands. For upgrade alone it is read as upgrade's `--to`.
 */
export function upgradeVersionFlag(argv: readonly string[]): readonly string[] {
  if (wordNamed(argv[commandIndex(argv)])?.name !== "upgrade") return argv;
  const end = argv.indexOf("--");
  return argv.map((word, i) => {
    if (end >= 0 && i > end) return word;
    if (word === "--version") return "--to";
    return word.startsWith("--version=") ? `--to=${word.slice("--version=".length)}` : word;
  });
}

/** Inquirer signals Ctrl-C with an ExitPromptError; treat it like our own cancellation. */
function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}

/**
 * The output mode of a command whose stdout the shell evaluates, when it failed before
 * choosing one (a bad flag caught by the parser, a bad --format): the mode its --format, as
 * far as it was parsed, and the environment give. Stdout must then still say `false` where
 * the mode evaluates it, so the eval fails instead of silently succeeding. Other commands,
 * help and version have none.
 */
function parsedOutputMode(
  formatOf: (command: string) => unknown,
  argv: readonly string[],
  deps: Deps,
  outputMode: (inputs: ModeInputs) => OutputMode,
): OutputMode | undefined {
  const first = argv[commandIndex(argv)];
  if (first !== undefined && [...HELP_WORDS, ...VERSION_WORDS].includes(first)) return undefined;
  const word = wordNamed(first) ?? wordNamed(DEFAULT_COMMAND)!;
  if (!word.evaluated) return undefined;
  const format = formatOf(word.name);
  const inputs = { env: deps.env, stdoutIsTTY: deps.io.stdout.isTTY };
  for (const tried of [typeof format === "string" ? format : undefined, undefined]) {
    try {
      return outputMode({ ...inputs, format: tried });
    } catch {
      // An unknown --format, or an AWSMFA_SHELL awsmfa does not know: try without, then eval.
    }
  }
  return { kind: "eval", format: "sh" };
}
/**
 * --debug anywhere before `--` (commander accepts the root option after the command too) turns
 * the trace on as AWSMFA_DEBUG=1 does: the trace reads the environment, resolved here once.
 */
function withDebugFlag(argv: readonly string[], deps: Deps): Deps {
  const end = argv.indexOf("--");
  const words = end < 0 ? argv : argv.slice(0, end);
  if (!words.includes("--debug")) return deps;
  return { ...deps, env: { ...deps.env, AWSMFA_DEBUG: "1" } };
}
