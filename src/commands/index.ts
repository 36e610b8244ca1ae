/** The explicit list of commands. Order here is the order in `awsmfa --help`. */
import type { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../command-context.ts";
import { doctorCommand } from "./doctor.ts";
import { loginCommand } from "./login.ts";
import { notifyCommand } from "./notify.ts";
import { profilesCommand } from "./profiles.ts";
import { promptCommand } from "./prompt.ts";
import { shellInitCommand } from "./shell-init.ts";
import { unsetCommand } from "./unset.ts";
import { whoamiCommand } from "./whoami.ts";

export function registerCommands(program: Command, context: CommandContext): void {
  program.addCommand(loginCommand(context), { isDefault: true });
  program.addCommand(unsetCommand(context));
  program.addCommand(whoamiCommand(context));
  program.addCommand(shellInitCommand(context));
  program.addCommand(promptCommand(context));
  program.addCommand(doctorCommand(context));
  program.addCommand(profilesCommand(context), { hidden: true });
  program.addCommand(notifyCommand(context), { hidden: true });
}
