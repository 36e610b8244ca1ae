/**
 * awsmfa shell-init <shell>: prints the `awsmfa` shell function, which runs the binary and
 * evaluates what it prints, so that `awsmfa prod` can set variables in the user's shell.
 *
 * Commands whose output is meant for a person (whoami, shell-init itself, help) pass through
 * the function untouched, with the terminal as their stdout; only the eval commands (login,
 * unset, logout, or a bare profile name) are captured and evaluated.
 */
import { Argument, Command } from "@commander-js/extra-typings";
import { SHELLS } from "../shell/index.ts";
import type { CommandContext } from "./context.ts";
import { parseShellInit, runShellInit } from "./shell-init-script.ts";

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
