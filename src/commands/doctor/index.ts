/**
 * awsmfa doctor: checks the shell integration, file permissions, the clock against AWS,
 * the code sources and every MFA profile, and says how to fix what it finds. Exits with
 * `unhealthy` when something is broken; warnings alone exit 0.
 */
import { Command } from "@commander-js/extra-typings";
import { readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode, UserError } from "../../errors.ts";
import { quoteForUser } from "../../output/mode.ts";
import { styleFor, useColour } from "../../ui/report.ts";
import type { CommandContext } from "../context.ts";
import { count, renderReport } from "./finding.ts";
import { type DoctorOptions, runChecks } from "./run-checks.ts";

export async function runDoctor(options: DoctorOptions, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps).catch((error: unknown) => {
    if (error instanceof UserError) return error;
    throw error;
  });
  const sections = await runChecks(files, options, deps);
  const style = styleFor(useColour(deps.env, deps.io.stdout.isTTY));
  deps.io.stdout.write(renderReport(sections, style, quoteForUser(deps.env)));
  return count(sections, "problem") > 0 ? ExitCode.unhealthy : ExitCode.ok;
}

export function doctorCommand({ deps, state }: CommandContext) {
  return new Command("doctor")
    .description("check the shell integration, file permissions, clock and MFA profiles")
    .option("--offline", "skip the clock check, the only one that needs the network", false)
    .addHelpText(
      "after",
      `\nExit code: 0 when nothing is broken (warnings allowed), ${ExitCode.unhealthy} when something is.`,
    )
    .action(async (raw) => {
      state.exitCode = await runDoctor({ offline: raw.offline }, deps);
    });
}
