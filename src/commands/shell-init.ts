/**
 * awsmfa shell-init <shell>: prints the `awsmfa` shell function, which runs the binary and
 * evaluates what it prints, so that `awsmfa prod` can set variables in the user's shell.
 *
 * Commands whose output is meant for a person (whoami, shell-init itself, help) pass through
 * the function untouched, with the terminal as their stdout; only the eval commands (login,
 * unset, logout, or a bare profile name) are captured and evaluated.
 */
import { Argument, Command } from "@commander-js/extra-typings";
import type { Deps } from "../deps.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { builtExtras, SHELLS, type ShellSyntax, shellSyntax } from "../shell/index.ts";
import type { CommandContext } from "./context.ts";
import {
  COMMAND_WORDS,
  type CommandWord,
  EVAL_COMMANDS,
  HELP_WORDS,
  VERSION_WORDS,
} from "./words.ts";

export interface ShellInitOptions {
  shell: ShellSyntax;
  /** First words the function runs unwrapped. */
  passthrough: readonly string[];
}

/**
 * Names and aliases of every command except the eval ones, then help and version. From the
 * command words (words.ts), which tests/commands/registry.test.ts holds to the definitions:
 * shell-init loads no other command.
 */
export function passthroughWords(commands: readonly CommandWord[] = COMMAND_WORDS): string[] {
  const words = commands
    .filter((command) => !EVAL_COMMANDS.includes(command.name))
    .flatMap((command) => [command.name, ...command.aliases]);
  return [...new Set([...words, ...HELP_WORDS, ...VERSION_WORDS])];
}

export function parseShellInit(shell: string): ShellInitOptions {
  const syntax = shellSyntax(shell);
  if (!syntax) {
    const names = SHELLS.map((known) => known.name).join(", ");
    throw new UsageError(`Unknown shell "${shell}". awsmfa supports: ${names}.`, {
      hint: "sh and dash can use the bash code, pwsh the powershell code.",
    });
  }
  return { shell: syntax, passthrough: passthroughWords() };
}

export async function runShellInit(opts: ShellInitOptions, deps: Deps): Promise<number> {
  // Tab completion and the prompt hook, for shells that have them (not sh, dash).
  const extra = opts.shell.extras ? await builtExtras(opts.shell, deps.selfPath) : undefined;
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
    .action(async (shell) => {
      state.exitCode = await runShellInit(parseShellInit(shell), deps);
    });
}
