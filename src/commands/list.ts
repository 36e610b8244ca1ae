/**
 * awsmfa list (ls): every profile with its kind, MFA device, region and session state, read
 * from the files and the session cache only (no network, no SDK). Colour on a terminal only.
 * The run itself: list/run.ts, loaded when the action runs (`--help` defines every command,
 * and needs none of list's reading, summing up and writing).
 */
import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "./context.ts";

export function listCommand({ deps, state }: CommandContext) {
  return new Command("list")
    .alias("ls")
    .description("list profiles: kind, MFA device, region and session state")
    .option("--json", "print JSON", false)
    .action(async (raw) => {
      const { runList } = await import("./list/run.ts");
      state.exitCode = await runList({ json: raw.json }, deps);
    });
}
