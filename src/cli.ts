/**
 * run(argv, deps): parses the command line, dispatches to one command, prints any error once,
 * and returns the exit code. Commands are listed explicitly in commands/index.ts.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import type { CommandContext, RunState } from "./commands/context.ts";
import { COMMANDS, entriesFor, registerCommands } from "./commands/index.ts";
import {
  COMMAND_WORDS,
  EVAL_COMMANDS,
  HELP_WORDS,
  VERSION_WORDS,
  wordNamed,
} from "./commands/words.ts";
import type { Deps } from "./deps.ts";
import { CancelledError, ExitCode, exitCodeFor } from "./errors.ts";
import { isEvalCall } from "./output/eval-call.ts";
import { printError } from "./ui/report.ts";

export async function buildProgram(
  context: CommandContext,
  argv?: readonly string[],
): Promise<Command> {
  const { deps } = context;
  // Loaded only under the shell function, which evaluates stdout (see wrapped-print.ts).
  const wrapped = deps.env.AWSMFA_SHELL ? await import("./output/wrapped-print.ts") : undefined;
  const program = new Command("awsmfa")
    .description(
      "Temporary AWS credentials with MFA, where you need them: your shell, ~/.aws/credentials, a child process or an SDK.",
    )
    .version(
      `awsmfa ${deps.build.version} (commit ${deps.build.commit})`,
      "-V, --version",
      "print the version and the git commit it was built from",
    )
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // `awsmfa login --help` through the shell function: help is printed, not evaluated.
      writeOut: (text) => deps.io.stdout.write(wrapped ? wrapped.forStdout(deps.env, text) : text),
      writeErr: (text) => deps.io.stderr.write(text),
      outputError: (text, write) => write(`awsmfa: ${text.replace(/^error: /, "")}`),
    });
  await registerCommands(program, context, argv ? entriesFor(argv) : COMMANDS);
  // Subcommands built with `new Command()` do not inherit output and exit handling by themselves.
  for (const command of program.commands) command.copyInheritedSettings(program);
  return program;
}

export async function run(argv: readonly string[], deps: Deps): Promise<number> {
  const state: RunState = { exitCode: ExitCode.ok, failureStdout: undefined };
  const program = await buildProgram({ deps, state }, argv);
  const words = {
    all: new Set(COMMAND_WORDS.flatMap((word) => [word.name, ...word.aliases])),
    evaluated: new Set(EVAL_COMMANDS),
    helpOrVersion: new Set([...HELP_WORDS, ...VERSION_WORDS]),
  };
  const evalCall = isEvalCall(argv, words, deps);
  const failed = () => {
    const stdout = state.failureStdout ?? (evalCall ? "false\n" : undefined);
    if (stdout !== undefined) deps.io.stdout.write(stdout);
  };
  try {
    await program.parseAsync([...argv], { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end here too; commander has already printed what it had to say.
      if (error.exitCode === 0) return ExitCode.ok;
      failed();
      const named = wordNamed(argv[0]);
      const help = named ? `awsmfa ${named.name} --help` : "awsmfa --help";
      deps.io.stderr.write(`Run \`${help}\` for usage.\n`);
      return ExitCode.usage;
    }
    const reported = isPromptCancel(error) ? new CancelledError() : error;
    printError(reported, deps);
    failed();
    return exitCodeFor(reported);
  }
}

/** Inquirer signals Ctrl-C with an ExitPromptError; treat it like our own cancellation. */
function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}
