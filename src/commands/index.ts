/** The explicit list of commands. Order here is the order in `awsmfa --help`. */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../command-context.ts";
import { loginCommand } from "./login.ts";
import { unsetCommand } from "./unset.ts";
import { whoamiCommand } from "./whoami.ts";

export function registerCommands(program: Command, context: CommandContext): void {
  program.addCommand(loginCommand(context), { isDefault: true });
  program.addCommand(whoamiCommand(context));
  program.addCommand(unsetCommand(context));
}
