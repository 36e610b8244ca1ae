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

/**
 * The shape of a region name, /^[a-z]{2}(-[a-z]+)+-\d+$/: two letters, one or more words of
 * letters, a number, joined by `-`. A loop: the cached login asks, and runs no regular
 * expression (the first one costs it ~0.15 ms and 1.4 MiB: docs/performance.md).
 */
export function isRegionName(region: string): boolean {
  // the number after the last `-`
  const last = region.lastIndexOf("-");
  if (last < 4 || last === region.length - 1) return false;
  for (let i = last + 1; i < region.length; i++) if (!isDigit(region.charCodeAt(i))) return false;
  // before it: two letters, then `-` and letters, once or more
  if (!isLower(region.charCodeAt(0)) || !isLower(region.charCodeAt(1))) return false;
  if (region.charCodeAt(2) !== 45 || region.charCodeAt(last - 1) === 45) return false;
  for (let i = 3; i < last; i++) {
    const c = region.charCodeAt(i);
    if (c === 45 ? region.charCodeAt(i - 1) === 45 : !isLower(c)) return false;
  }
  return true;
}

function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
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
  // /^arn:([^:]+):/, without a regular expression (see isRegionName)
  const colon = arn.startsWith("arn:") ? arn.indexOf(":", 4) : -1;
  return colon > 4 ? partitionNamed(arn.slice(4, colon)) : undefined;
}
