/** The explicit list of commands. Order here is the order in `awsmfa --help`. */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../command-context.ts";
import { configureCommand } from "./configure.ts";
import { listCommand } from "./list.ts";
import { loginCommand } from "./login.ts";
import { logoutCommand } from "./logout.ts";
import { shellInitCommand } from "./shell-init.ts";
import { sourcesCommand } from "./sources.ts";
import { statusCommand } from "./status.ts";
import { unsetCommand } from "./unset.ts";
import { whoamiCommand } from "./whoami.ts";

export function registerCommands(program: Command, context: CommandContext): void {
  program.addCommand(loginCommand(context), { isDefault: true });
  program.addCommand(unsetCommand(context));
  program.addCommand(logoutCommand(context));
  program.addCommand(configureCommand(context));
  program.addCommand(listCommand(context));
  program.addCommand(statusCommand(context));
  program.addCommand(whoamiCommand(context));
  program.addCommand(shellInitCommand(context));
  program.addCommand(sourcesCommand(context));
}
