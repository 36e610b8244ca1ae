/**
 * awsmfa list (ls): every profile with its kind, MFA device, region and session state, read
 * from the files and the session cache only (no network, no SDK). Colour on a terminal only.
 * The run itself: list/run.ts.
 */
import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "./context.ts";
import { runList } from "./list/run.ts";

export { type ListOptions, runList } from "./list/run.ts";

export function listCommand({ deps, state }: CommandContext) {
  return new Command("list")
    .alias("ls")
    .description("list profiles: kind, MFA device, region and session state")
    .option("--json", "print JSON", false)
    .action(async (raw) => {
      state.exitCode = await runList({ json: raw.json }, deps);
    });
}
