/**
 * The profile argument every command that takes one shares: a positional name, `-p/--profile`
 * (backed by AWS_PROFILE, as in every AWS tool), the check that the two do not name different
 * profiles, and the default. A --profile from AWS_PROFILE never conflicts: `awsmfa prod` in a
 * shell where AWS_PROFILE=dev means prod.
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { UsageError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import { envOption } from "./env.ts";

/** `-p, --profile <name>`, filled from AWS_PROFILE when not given (see env.ts, applyEnv). */
export function profileOption(description: string) {
  return envOption("-p, --profile <name>", description, "AWS_PROFILE");
}

/** Whether --profile was typed on the command line. Ask before applyEnv fills it from env. */
export function profileTyped(command: Pick<CommandUnknownOpts, "getOptionValueSource">): boolean {
  return command.getOptionValueSource("profile") === "cli";
}

export interface ProfileArguments {
  /** The names given as arguments (empty ones are ignored). */
  named: readonly string[];
  /** --profile, or AWS_PROFILE when not typed. */
  profile?: string | undefined;
  /** Whether --profile was typed (profileTyped). */
  profileFlag: boolean;
}

/**
 * The profiles a command line names: its arguments, else --profile (or AWS_PROFILE), else
 * `fallback` (the default profile; null for status, which then looks at the shell). Throws
 * a UsageError when the arguments and a typed --profile name different profiles.
 */
export function chosenProfiles(
  given: ProfileArguments,
  fallback: string | null = "default",
  hint = "Name the profiles as arguments, or one with --profile.",
): string[] {
  const named = [...new Set(given.named)].filter((name) => name !== "");
  const conflict = named.find((name) => name !== given.profile);
  if (conflict && given.profileFlag && given.profile) {
    throw new UsageError(
      `Two profiles given: "${printableInLine(conflict)}" and --profile "${printableInLine(given.profile)}".`,
      {
        hint,
      },
    );
  }
  if (named.length > 0) return named;
  const profile = given.profile || fallback;
  return profile === null ? [] : [profile];
}

/** chosenProfiles for a command that takes one profile. */
export function chosenProfile(
  positional: string | undefined,
  given: Omit<ProfileArguments, "named">,
  fallback: string | null = "default",
): string | undefined {
  const named = positional ? [positional] : [];
  return chosenProfiles({ ...given, named }, fallback, "Name the profile once.")[0];
}
