/**
 * All of doctor's checks, in the order they are printed. Each section is independent; a
 * section that cannot run (unreadable files) says so instead of hiding the others.
 */

import { caCertificates } from "../../aws/ca-bundle.ts";
import { clockFix } from "../../aws/clock-skew.ts";
import { describeEndpoint, endpointOverride } from "../../aws/endpoints.ts";
import { resolveRegion } from "../../aws/region.ts";
import { type AwsFiles, profileValue } from "../../config/aws-files.ts";
import { caBundleValue } from "../../config/ca-bundle-value.ts";
import type { Deps } from "../../deps.ts";
import { UserError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import { findProgram } from "../../system/which.ts";
import { checkClock } from "./clock.ts";
import { checkCodeSources } from "./code-sources.ts";
import { type Finding, info, ok, problem, type Section, warn } from "./finding.ts";
import { checkKeys } from "./key-checks.ts";
import { checkPermissions } from "./permissions.ts";
import { checkProfiles, mfaProfiles } from "./profiles.ts";
import { checkShell } from "./shell-check.ts";

export interface DoctorOptions {
  /** Skip the one network request (the clock check). */
  offline: boolean;
}

/**
 * The STS endpoint a login would call: AWS_PROFILE's, else the first MFA profile's; or the
 * error a login would stop with, when its endpoint setting is no URL.
 */
/** The profile whose settings the clock check uses: AWS_PROFILE, else the first MFA profile. */
function clockProfile(files: AwsFiles | undefined, env: Deps["env"]): string {
  return env.AWS_PROFILE || (files ? mfaProfiles(files)[0] : undefined) || "default";
}

export function clockEndpoint(files: AwsFiles | undefined, env: Deps["env"]): string | UserError {
  const profile = clockProfile(files, env);
  const value = (key: string) => (files ? profileValue(files, profile, key) : undefined);
  let region = { region: "us-east-1", dnsSuffix: "amazonaws.com" };
  try {
    const resolved = resolveRegion({ profile: value("region"), env, arn: value("mfa_serial") });
    region = { region: resolved.region, dnsSuffix: resolved.partition.dnsSuffix };
  } catch {
    // a bad region name is reported with the profiles; the clock can still be read
  }
  try {
    const override = endpointOverride("sts", env, value("endpoint_url"));
    // The URL itself, a user and password in it included: doctor calls it (messages show it
    // through shownUrl).
    return override ?? describeEndpoint("sts", region.region, region.dnsSuffix, undefined);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

/** Is this awsmfa the one PATH finds? Only meaningful for the compiled binary. */
async function checkPath(deps: Deps): Promise<Finding[]> {
  if (deps.selfCommand.length !== 1) return [];
  const found = await findProgram("awsmfa", deps);
  if (!found) {
    return [
      warn(
        `awsmfa is not on PATH (this one is ${printableInLine(deps.selfPath)}).`,
        `Add its folder to PATH.`,
      ),
    ];
  }
  const [a, b] = await Promise.all(
    [found, deps.selfPath].map((path) => deps.fs.realpath(path).catch(() => path)),
  );
  if (a !== b) {
    return [
      warn(
        `PATH finds another awsmfa first: ${printableInLine(found)} (this one is ${printableInLine(deps.selfPath)}).`,
      ),
    ];
  }
  return [ok(`awsmfa ${deps.build.version} on PATH: ${printableInLine(found)}`)];
}

export async function runChecks(
  files: AwsFiles | UserError,
  options: DoctorOptions,
  deps: Deps,
): Promise<Section[]> {
  const readable = files instanceof UserError ? undefined : files;
  const unreadable = files instanceof UserError ? [problem(files.message, files.hint)] : [];
  const endpoint = clockEndpoint(readable, deps.env);
  const clock: Finding = options.offline
    ? info("Clock not compared with AWS (--offline).")
    : endpoint instanceof UserError
      ? problem(endpoint.message, endpoint.hint)
      : await checkClock(
          endpoint,
          clockFix(deps.platform),
          deps,
          caCertificates(
            deps,
            readable ? caBundleValue(readable, [clockProfile(readable, deps.env)]) : undefined,
          ),
        );
  return [
    { title: "Shell", findings: [...(await checkPath(deps)), ...(await checkShell(deps))] },
    {
      title: "Files and folders",
      findings: readable ? await checkPermissions(readable, deps) : unreadable,
    },
    { title: "Clock", findings: [clock] },
    { title: "Code sources", findings: await checkCodeSources(deps) },
    {
      title: "MFA profiles",
      findings: readable ? await checkProfiles(readable, deps) : unreadable,
    },
    // Unreadable files are reported above already; say nothing more here then.
    ...(readable
      ? [{ title: "Long-term keys", findings: await checkKeys(readable, options, deps) }]
      : []),
  ];
}
