import { describe, expect, test } from "bun:test";
import { resolveRegion } from "../../src/aws/region.ts";
import { UsageError } from "../../src/errors.ts";

const cnDevice = "arn:aws-cn:iam::123456789012:mfa/li";
const govDevice = "arn:aws-us-gov:iam::123456789012:mfa/gina";
const awsDevice = "arn:aws:iam::123456789012:mfa/alice";

describe("resolveRegion", () => {
  test("an aws-cn device works with no region set", () => {
    const r = resolveRegion({ env: {}, arn: cnDevice });
    expect([r.region, r.partition.id, r.source]).toEqual(["cn-north-1", "aws-cn", "arn"]);
  });
  test("an aws-us-gov device works with no region set", () => {
    const r = resolveRegion({ env: {}, arn: govDevice });
    expect([r.region, r.partition.id]).toEqual(["us-gov-west-1", "aws-us-gov"]);
  });
  test("nothing at all means us-east-1", () => {
    expect(resolveRegion({ env: {} }).region).toBe("us-east-1");
  });
  test("flag beats profile beats environment", () => {
    const env = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-central-1" };
    expect(resolveRegion({ flag: "ap-south-1", profile: "us-west-2", env }).region).toBe(
      "ap-south-1",
    );
    expect(resolveRegion({ profile: "us-west-2", env }).region).toBe("us-west-2");
    expect(resolveRegion({ env }).region).toBe("eu-west-1");
    expect(resolveRegion({ env: { AWS_DEFAULT_REGION: "eu-central-1" } }).region).toBe(
      "eu-central-1",
    );
  });
  test("a shell-wide region of another partition does not move an aws-cn device", () => {
    const r = resolveRegion({ env: { AWS_REGION: "us-east-1" }, arn: cnDevice });
    expect(r.region).toBe("cn-north-1");
    expect(r.note).toContain("AWS_REGION=us-east-1");
  });
  test("a region of the same partition from the environment is kept", () => {
    expect(resolveRegion({ env: { AWS_REGION: "cn-northwest-1" }, arn: cnDevice }).region).toBe(
      "cn-northwest-1",
    );
    expect(resolveRegion({ env: { AWS_REGION: "eu-west-1" }, arn: awsDevice }).region).toBe(
      "eu-west-1",
    );
  });
  test("an explicit region is obeyed even across partitions (the error then explains)", () => {
    const r = resolveRegion({ flag: "us-east-1", env: {}, arn: cnDevice });
    expect([r.region, r.partition.id]).toEqual(["us-east-1", "aws"]);
  });
  test.each(["useast1", "US-EAST-1", "us-east", "", "eu west 1"])("%p is not a region", (bad) => {
    if (bad === "") return expect(resolveRegion({ flag: bad, env: {} }).region).toBe("us-east-1");
    expect(() => resolveRegion({ flag: bad, env: {} })).toThrow(UsageError);
  });
});
