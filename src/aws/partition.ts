/**
 * AWS partitions: which regions belong to which, their DNS suffix and default region.
 * Long-term keys, MFA devices and sessions exist in exactly one partition, so the partition
 * decides which endpoints can possibly accept them.
 */
export type PartitionId = "aws" | "aws-cn" | "aws-us-gov";

export interface Partition {
  id: PartitionId;
  name: string;
  /** Used when nothing names a region: where this partition's STS and IAM answer. */
  defaultRegion: string;
  dnsSuffix: string;
  /** IAM is global per partition: requests are signed for this region. */
  iamRegion: string;
  /** The host of the console federation endpoint. */
  signinHost: string;
  consoleHost: string;
}

export const PARTITIONS: readonly Partition[] = [
  {
    id: "aws-cn",
    name: "AWS China",
    defaultRegion: "cn-north-1",
    iamRegion: "cn-north-1",
    dnsSuffix: "amazonaws.com.cn",
    signinHost: "signin.amazonaws.cn",
    consoleHost: "console.amazonaws.cn",
  },
  {
    id: "aws-us-gov",
    name: "AWS GovCloud (US)",
    defaultRegion: "us-gov-west-1",
    iamRegion: "us-gov-west-1",
    dnsSuffix: "amazonaws.com",
    signinHost: "signin.amazonaws-us-gov.com",
    consoleHost: "console.amazonaws-us-gov.com",
  },
  {
    id: "aws",
    name: "AWS",
    defaultRegion: "us-east-1",
    iamRegion: "us-east-1",
    dnsSuffix: "amazonaws.com",
    signinHost: "signin.aws.amazon.com",
    consoleHost: "console.aws.amazon.com",
  },
];

const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function isRegionName(region: string): boolean {
  return REGION_SHAPE.test(region);
}

export function partitionById(id: PartitionId): Partition {
  return partitionNamed(id)!;
}

/** A loop, not Array.find: the cached fast path asks, and find costs it ~40 µs to compile. */
function partitionNamed(id: string | undefined): Partition | undefined {
  for (const partition of PARTITIONS) if (partition.id === id) return partition;
  return undefined;
}

/** The partition a region belongs to; unknown shapes count as the commercial partition. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith("cn-")) return partitionById("aws-cn");
  if (region.startsWith("us-gov-")) return partitionById("aws-us-gov");
  return partitionById("aws");
}

/** The partition named in an ARN (`arn:aws-cn:iam::...`), or undefined for other text. */
export function partitionOfArn(arn: string): Partition | undefined {
  const id = /^arn:([^:]+):/.exec(arn)?.[1];
  return partitionNamed(id);
}
