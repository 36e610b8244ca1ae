/** The explicit list of commands. Order here is the order in `awsmfa --help`. */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../command-context.ts";
import { consoleCommand } from "./console.ts";
import { credentialProcessCommand } from "./credential-process.ts";
import { execCommand } from "./exec.ts";
import { loginCommand } from "./login.ts";
import { shellInitCommand } from "./shell-init.ts";
import { unsetCommand } from "./unset.ts";
import { whoamiCommand } from "./whoami.ts";

export function registerCommands(program: Command, context: CommandContext): void {
  program.addCommand(loginCommand(context), { isDefault: true });
  program.addCommand(unsetCommand(context));
  program.addCommand(whoamiCommand(context));
  program.addCommand(shellInitCommand(context));
  program.addCommand(execCommand(context));
  program.addCommand(credentialProcessCommand(context));
  program.addCommand(consoleCommand(context));
}
