/**
 * Which partition a signing region belongs to, and where IAM (a global service) must be signed.
 * Kept apart from src/aws/partition.ts on purpose: the fake must not share the code it tests.
 */
import type { PartitionId } from "./types.ts";

const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isRegionName(region: string): boolean {
  return REGION_SHAPE.test(region);
}

export function partitionOfRegion(region: string): PartitionId {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** IAM has one endpoint per partition, signed for this region only. */
export const IAM_SIGNING_REGION: Record<PartitionId, string> = {
  aws: "us-east-1",
  "aws-cn": "cn-north-1",
  "aws-us-gov": "us-gov-west-1",
};

export function isIamSigningRegion(region: string): boolean {
  return Object.values(IAM_SIGNING_REGION).includes(region);
}
