/**
 * awsmfa shell-init <shell>: prints the `awsmfa` shell function, which runs the binary and
 * evaluates what it prints, so that `awsmfa prod` can set variables in the user's shell.
 *
 * Commands whose output is meant for a person (whoami, shell-init itself, help) pass through
 * the function untouched, with the terminal as their stdout; only the eval commands (login,
 * unset, logout, or a bare profile name) are captured and evaluated.
 */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Deps } from "../deps.ts";
import { ExitCode, UsageError } from "../errors.ts";
import type { CompletionSpec } from "../shell/completion-spec.ts";
import { initExtras, SHELLS, type ShellSyntax, shellSyntax } from "../shell/index.ts";
import { completionSpec } from "./completion-spec.ts";
import type { CommandContext } from "./context.ts";
import { EVAL_COMMANDS, HELP_WORDS, VERSION_WORDS } from "./words.ts";

export interface ShellInitOptions {
  shell: ShellSyntax;
  /** First words the function runs unwrapped. */
  passthrough: readonly string[];
  /** What completion and prompt hooks need; none for shells without them (sh, dash). */
  completion: CompletionSpec | undefined;
}

interface CommandList {
  readonly commands: readonly { name(): string; aliases(): string[] }[];
}

/** Names and aliases of every registered command except the eval ones, then help and version. */
export function passthroughWords(program: CommandList): string[] {
  const words = program.commands
    .filter((command) => !EVAL_COMMANDS.includes(command.name()))
    .flatMap((command) => [command.name(), ...command.aliases()]);
  return [...new Set([...words, ...HELP_WORDS, ...VERSION_WORDS])];
}

export function parseShellInit(shell: string, program: CommandUnknownOpts): ShellInitOptions {
  const syntax = shellSyntax(shell);
  if (!syntax) {
    const names = SHELLS.map((known) => known.name).join(", ");
    throw new UsageError(`Unknown shell "${shell}". awsmfa supports: ${names}.`, {
      hint: "sh and dash can use the bash code, pwsh the powershell code.",
    });
  }
  return {
    shell: syntax,
    passthrough: passthroughWords(program),
    completion: syntax.extras ? completionSpec(program) : undefined,
  };
}

export async function runShellInit(opts: ShellInitOptions, deps: Deps): Promise<number> {
  const extra = opts.completion && (await initExtras(opts.shell, opts.completion, deps.selfPath));
  deps.io.stdout.write(
    opts.shell.initScript({ binary: deps.selfPath, passthrough: opts.passthrough, extra }),
  );
  return ExitCode.ok;
}

const SETUP_HELP = `
Add one line to your shell's start-up file, then open a new shell:
  ~/.bashrc                    eval "$(awsmfa shell-init bash)"
  ~/.zshrc                     eval "$(awsmfa shell-init zsh)"
  ~/.config/fish/config.fish   awsmfa shell-init fish | source
  $PROFILE (PowerShell)        awsmfa shell-init powershell | Out-String | Invoke-Expression`;

export function shellInitCommand({ deps, state }: CommandContext) {
  return new Command("shell-init")
    .description(
      "print the shell function that lets `awsmfa <profile>` set variables in your shell",
    )
    .addArgument(
      // The choices are for --help and Tab completion; parseShellInit checks the name itself,
      // which takes sh, dash and pwsh too and says what to do with any other.
      new Argument("<shell>", "your shell (or sh, dash, pwsh)")
        .choices(SHELLS.map((shell) => shell.name))
        .argParser((name) => name),
    )
    .addHelpText("after", SETUP_HELP)
    .action(async (shell, _options, command) => {
      // cli.ts loads every command for shell-init: completions are read from their definitions.
      const program = command.parent ?? command;
      state.exitCode = await runShellInit(parseShellInit(shell, program), deps);
    });
}
