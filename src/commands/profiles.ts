/**
 * awsmfa _profiles (hidden): the profile names of the AWS config and credentials files, one
 * per line, for Tab completion. It runs each time Tab completes a profile, so it does the
 * least possible: two file reads and the INI reader; no AWS SDK, no network.
 */
import { Command } from "@commander-js/extra-typings";
import { profileNames, readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import type { CommandContext } from "./context.ts";

export async function runProfiles(deps: Deps): Promise<number> {
  const names = profileNames(await readAwsFiles(deps));
  // A name with a line break could not be read back one per line; INI names never have one.
  const lines = names.filter((name) => name !== "" && !/[\r\n]/.test(name));
  if (lines.length > 0) deps.io.stdout.write(`${lines.join("\n")}\n`);
  return ExitCode.ok;
}

export function profilesCommand({ deps, state }: CommandContext) {
  return new Command("_profiles")
    .description("print the profile names, one per line (for Tab completion)")
    .action(async () => {
      state.exitCode = await runProfiles(deps);
    });
}
