/**
 * Which region (and so which partition) a call goes to. An explicit choice (flag, profile)
 * wins; a region from the environment is only trusted when it lies in the same partition as
 * the ARN involved (the MFA device or role), because a shell-wide AWS_REGION=us-east-1 must
 * not send an aws-cn device to the commercial endpoints.
 */
import { UsageError, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { isRegionName, type Partition, partitionOfArn, partitionOfRegion } from "./partition.ts";

export interface RegionInputs {
  flag?: string | undefined;
  profile?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** An ARN that pins the partition: the MFA serial, or a role. */
  arn?: string | undefined;
}

export type RegionSource = "flag" | "profile" | "env" | "arn" | "default";

export interface ResolvedRegion {
  region: string;
  partition: Partition;
  source: RegionSource;
  /** Said on stderr when the choice needs explaining. */
  note?: string;
}

export function resolveRegion(inputs: RegionInputs): ResolvedRegion {
  const arnPartition = inputs.arn ? partitionOfArn(inputs.arn) : undefined;
  if (inputs.flag) return explicit(inputs.flag, "flag", "--region");
  if (inputs.profile) return explicit(inputs.profile, "profile", "the profile's region");
  const envName = inputs.env.AWS_REGION ? "AWS_REGION" : "AWS_DEFAULT_REGION";
  const envRegion = inputs.env.AWS_REGION || inputs.env.AWS_DEFAULT_REGION;
  if (envRegion) {
    const resolved = explicit(envRegion, "env", envName);
    if (!arnPartition || arnPartition.id === resolved.partition.id) return resolved;
    return {
      region: arnPartition.defaultRegion,
      partition: arnPartition,
      source: "arn",
      note: `${envName}=${envRegion} is in the ${resolved.partition.id} partition but ${printableInLine(inputs.arn ?? "")} is in ${arnPartition.id}; using ${arnPartition.defaultRegion}. Set region in the profile to choose another.`,
    };
  }
  if (arnPartition) {
    return { region: arnPartition.defaultRegion, partition: arnPartition, source: "arn" };
  }
  return { region: "us-east-1", partition: partitionOfRegion("us-east-1"), source: "default" };
}

function explicit(region: string, source: RegionSource, from: string): ResolvedRegion {
  if (!isRegionName(region)) {
    const message = `"${printableInLine(region)}" (from ${from}) is not an AWS region name.`;
    const hint = "Use a name such as us-east-1, eu-west-1, cn-north-1 or us-gov-west-1.";
    // Only a flag is the command line (exit 2); a profile's or the environment's region is
    // configuration (exit 3).
    if (source === "flag") throw new UsageError(message, { hint });
    throw new UserError(message, { hint, code: "config" });
  }
  return { region, partition: partitionOfRegion(region), source };
}

/**
 * The region the shell gets: the profile's own; else, outside the commercial partition, the
 * region the login used (cn-north-1 for an aws-cn device), because without it every AWS tool
 * in that shell would go to us-east-1, where these keys do not exist.
 */
export function exportedRegion(plan: {
  profileRegion: string | undefined;
  region: ResolvedRegion;
}): string | undefined {
  if (plan.profileRegion) return plan.profileRegion;
  return plan.region.partition.id === "aws" ? undefined : plan.region.region;
}
