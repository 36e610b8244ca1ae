/**
 * What `awsmfa shell-init <shell>` prints (the `awsmfa` function, then Tab completion and the
 * prompt hook rendered ahead of time), without commander: shell-init.ts defines the command,
 * and cli.ts runs a plain `shell-init SHELL` line through these two functions without
 * building the parser (~4 ms of the ~14 ms shell-init takes; docs/performance.md). Either way
 * the same words reach parseShellInit, so both print the same.
 */
import type { Deps } from "../deps.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { builtExtras, SHELLS, type ShellSyntax, shellSyntax } from "../shell/index.ts";
import { printableInLine } from "../system/printable.ts";
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
    throw new UsageError(`Unknown shell "${printableInLine(shell)}". awsmfa supports: ${names}.`, {
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
