/**
 * The profile's `ca_bundle` as it is written, an empty value included. profileValue reads an
 * empty value as unset, which is right for most settings but not this one: to the AWS CLI and
 * botocore `ca_bundle =` means "verify no certificate" (aws/ca-bundle.ts refuses that), so it
 * must reach the one place that decides, not vanish here.
 */
import { type AwsFiles, profileValue } from "./aws-files.ts";

/**
 * The first of `profiles` that sets a non-empty ca_bundle wins (as firstProfileValue); only
 * when none does is an empty one returned as "". Undefined when no profile has the key.
 */
export function caBundleValue(files: AwsFiles, profiles: readonly string[]): string | undefined {
  for (const profile of profiles) {
    const value = profileValue(files, profile, "ca_bundle");
    if (value) return value;
  }
  for (const profile of profiles) {
    const sections = [files.credentials.get(profile), files.config.get(profile)];
    if (sections.some((values) => values?.ca_bundle === "")) return "";
  }
  return undefined;
}
