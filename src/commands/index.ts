/** The explicit list of commands. Order here is the order in `awsmfa --help`. */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../command-context.ts";
import { shellInitCommand } from "./shell-init.ts";
import { whoamiCommand } from "./whoami.ts";

export function registerCommands(program: Command, context: CommandContext): void {
  program.addCommand(whoamiCommand(context));
  program.addCommand(shellInitCommand(context));
}
