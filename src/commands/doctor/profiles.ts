/**
 * The config of each MFA profile, checked the way a login would read it, without a code or a
 * network call: the long-term keys behind it, the device, the region; and whether a session
 * is cached. Every error a login would stop with becomes a problem with its hint as the fix.
 */
import { maskKeyId } from "../../aws/credentials.ts";
import { type AwsFiles, hasProfile, profileNames, profileValue } from "../../config/aws-files.ts";
import { formatDuration } from "../../config/durations.ts";
import type { Deps } from "../../deps.ts";
import { UserError } from "../../errors.ts";
import { readCachedSession, secondsLeft, sessionKey } from "../../session/cache.ts";
import { planLocally } from "../../session/local-plan.ts";
import { LONG_TERM_SUFFIXES } from "../../session/long-term.ts";
import { SERIAL_KEYS } from "../../session/serial-format.ts";
import { printableInLine } from "../../system/printable.ts";
import { type Finding, info, ok, problem, warn } from "./finding.ts";

/**
 * Profiles a person logs in to with MFA: those naming a device or a long-term profile, and
 * those with a PROFILE-long-term (-mfa, -default) beside them. The long-term profiles
 * themselves are not listed.
 */
export function mfaProfiles(files: AwsFiles): string[] {
  const names = profileNames(files);
  const longTerm = new Set<string>();
  for (const name of names) {
    const named = profileValue(files, name, "awsmfa_long_term_profile");
    if (named) longTerm.add(named);
    for (const suffix of LONG_TERM_SUFFIXES) {
      if (hasProfile(files, `${name}${suffix}`)) longTerm.add(`${name}${suffix}`);
    }
  }
  return names.filter((name) => {
    if (longTerm.has(name) || profileValue(files, name, "role_arn")) return false;
    return (
      SERIAL_KEYS.some((key) => profileValue(files, name, key)) ||
      profileValue(files, name, "awsmfa_long_term_profile") !== undefined ||
      LONG_TERM_SUFFIXES.some((suffix) => hasProfile(files, `${name}${suffix}`))
    );
  });
}

async function checkProfile(files: AwsFiles, profile: string, deps: Deps): Promise<Finding[]> {
  let plan: ReturnType<typeof planLocally>;
  try {
    plan = planLocally(files, { profile }, deps);
    // The settings of the calls its next fresh login makes (endpoint, proxy): STS always, IAM
    // while the device is unknown. A plan checks them only when a call is made.
    plan.sts();
    if (!plan.serial) plan.iam();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return [problem(`${printableInLine(profile)}: ${error.message}`, error.hint)];
  }
  const keys = `long-term keys in [${printableInLine(plan.longTerm.profile)}] (${maskKeyId(plan.longTerm.keyId)})`;
  const findings: Finding[] = [];
  if (!plan.serial) {
    findings.push(
      ok(
        `${printableInLine(profile)}: ${keys}; no MFA device set, so the first login looks it up and saves it`,
      ),
    );
  } else {
    const cached = await readCachedSession(deps, sessionKey({ ...plan, serial: plan.serial }));
    const left = cached ? secondsLeft(cached, deps.clock.now()) : 0;
    const session = left > 0 ? `session cached, ${formatDuration(left)} left` : "no session";
    findings.push(
      ok(
        `${printableInLine(profile)}: device ${plan.serial}, ${keys}, region ${plan.region.region}; ${session}`,
      ),
    );
  }
  if (plan.region.note) findings.push(warn(`${printableInLine(profile)}: ${plan.region.note}`));
  return findings;
}

export async function checkProfiles(files: AwsFiles, deps: Deps): Promise<Finding[]> {
  const profiles = mfaProfiles(files);
  if (profiles.length === 0) {
    return [
      info(
        `No MFA profiles in ${printableInLine(files.paths.config)} or ${printableInLine(files.paths.credentials)} yet.`,
      ),
    ];
  }
  const findings: Finding[] = [];
  for (const profile of profiles) findings.push(...(await checkProfile(files, profile, deps)));
  return findings;
}
