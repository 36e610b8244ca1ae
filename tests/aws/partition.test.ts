/**
 * partition.ts's shapes, loops, against the regular expressions they replaced (kept here as
 * oracles): the cached login asks them and runs no regular expression (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { isRegionName, PARTITIONS, partitionOfArn } from "../../src/aws/partition.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

test("isRegionName is /^[a-z]{2}(-[a-z]+)+-\\d+$/", () => {
  const examples = [
    "eu-west-1",
    "us-gov-west-1",
    "cn-north-1",
    "ap-southeast-10",
    "mars-1",
    "eu-1",
  ];
  const pieces = ["-", "--", "eu", "west", "gov", "1", "12", "a", "Z", "\n", "-1"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces), (region) => {
      expect(isRegionName(region)).toBe(/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region));
    }),
    { numRuns: ORACLE_RUNS },
  );
});

test("partitionOfArn takes the partition /^arn:([^:]+):/ names", () => {
  const byRegex = (arn: string) => {
    const id = /^arn:([^:]+):/.exec(arn)?.[1];
    return PARTITIONS.find((partition) => partition.id === id);
  };
  const examples = [
    "arn:aws:iam::123456789012:mfa/a",
    "arn:aws-cn:iam::1:mfa/a",
    "arn:aws-us-gov:x",
    "arn::aws:",
    "arn:aws",
    "arn:aws-cn",
  ];
  const pieces = ["arn:", "aws", "aws-cn", "aws-us-gov", ":", "::", "-cn", "\n"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces), (arn) => {
      expect(partitionOfArn(arn)).toBe(byRegex(arn));
    }),
    { numRuns: ORACLE_RUNS },
  );
});
