/**
 * awsmfa unset: removes the session variables from the shell. Through the shell function or
 * eval it emits the unset lines; run directly it prints them, since it cannot reach the shell.
 */
import { Command, Option } from "@commander-js/extra-typings";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import { emitUnset } from "../output/emit.ts";
import { outputMode } from "../output/mode.ts";
import { EXPORT_FORMATS } from "../shell/index.ts";
import type { CommandContext, RunState } from "./context.ts";

export interface UnsetOptions {
  format: string | undefined;
}

export function unsetCommand({ deps, state }: CommandContext) {
  return new Command("unset")
    .description("remove the AWS session variables from your shell")
    .addOption(
      new Option("--format <format>", "print unset lines for this shell").choices(EXPORT_FORMATS),
    )
    .action(async (raw) => {
      state.exitCode = await runUnset({ format: raw.format }, deps, state);
    });
}

export async function runUnset(
  options: UnsetOptions,
  deps: Deps,
  state: Pick<RunState, "outputMode">,
): Promise<number> {
  const mode = outputMode({
    format: options.format,
    env: deps.env,
    stdoutIsTTY: deps.io.stdout.isTTY,
  });
  state.outputMode = mode;
  emitUnset(mode, deps);
  // --format only prints the lines: they change a shell only if someone evaluates them.
  if (mode.kind === "wrapped" || mode.kind === "eval")
    deps.io.stderr.write("Removed the AWS session variables from this shell.\n");
  return ExitCode.ok;
}
