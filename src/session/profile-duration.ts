/**
 * `duration_seconds` of an MFA (non-role) profile: that profile's session length, used when
 * neither --duration nor AWSMFA_DURATION is given. On a role profile the same key is the role
 * session's length (roles/role-config.ts), so it is not read here. Checked before any call, so
 * a typo in the config never costs an MFA code.
 */
import { type AwsFiles, profileValue } from "../config/aws-files.ts";
import { isDigits, MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from "../config/durations.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { isRoleProfile } from "./roles/role-config.ts";

export function profileSessionDuration(files: AwsFiles, profile: string): number | undefined {
  if (isRoleProfile(files, profile)) return undefined;
  const text = profileValue(files, profile, "duration_seconds")?.trim();
  if (text === undefined || text === "") return undefined;
  const seconds = isDigits(text) ? Number(text) : Number.NaN;
  if (seconds >= MIN_SESSION_SECONDS && seconds <= MAX_SESSION_SECONDS) return seconds;
  throw new UserError(
    `duration_seconds in profile "${printableInLine(profile)}" is "${printableInLine(text)}".`,
    {
      hint: `An MFA session lasts ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS} seconds (15 minutes to 36 hours); fix the value in the config, or override it with --duration.`,
    },
  );
}
