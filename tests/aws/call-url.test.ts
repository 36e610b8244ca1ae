/**
 * aws/endpoints.ts callUrl: the host NO_PROXY is matched on is the host the SDK really calls.
 * Each case sends a request through the SDK's own STS and IAM clients, configured as
 * aws/clients.ts configures them, to a request handler that records the URL and answers
 * nothing: every partition, several regions, every FIPS and dual-stack combination.
 */
import { expect, test } from "bun:test";
import { IAMClient, ListMFADevicesCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { callUrl } from "../../src/aws/endpoints.ts";
import { PARTITIONS, type PartitionId, partitionById } from "../../src/aws/partition.ts";

const REGIONS: Record<PartitionId, string[]> = {
  aws: ["us-east-1", "eu-west-1", "ap-southeast-2"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"],
};
const VARIANTS = [false, true].flatMap((fips) =>
  [false, true].map((dualstack) => ({ useFipsEndpoint: fips, useDualstackEndpoint: dualstack })),
);

/** The URL (scheme and host) the client sent its request to. */
async function sentTo(
  Client: typeof STSClient | typeof IAMClient,
  command: GetCallerIdentityCommand | ListMFADevicesCommand,
  config: { region: string; useFipsEndpoint: boolean; useDualstackEndpoint: boolean },
): Promise<string> {
  let url = "";
  const client = new Client({
    ...config,
    credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 1,
    ignoreConfiguredEndpointUrls: true,
    requestHandler: {
      handle: async (request: { protocol: string; hostname: string }) => {
        url = `${request.protocol}//${request.hostname}`;
        throw new Error("recorded");
      },
    },
  });
  // biome-ignore lint/suspicious/noExplicitAny: one send for both clients' commands
  await (client as any).send(command).catch(() => undefined);
  client.destroy();
  return url;
}

test("STS and IAM: the host of every partition, region and variant is the SDK's", async () => {
  const ours: string[] = [];
  const sdk: string[] = [];
  for (const partition of PARTITIONS) {
    for (const region of REGIONS[partition.id]) {
      for (const variants of VARIANTS) {
        const label = `${region} fips=${variants.useFipsEndpoint} dualstack=${variants.useDualstackEndpoint}`;
        ours.push(`sts ${label}: ${callUrl("sts", region, partition.id, undefined, variants)}`);
        const sts = await sentTo(STSClient, new GetCallerIdentityCommand({}), {
          region,
          ...variants,
        });
        sdk.push(`sts ${label}: ${sts}`);
      }
    }
    // IAM is signed for, and called in, its partition's one region (aws/target.ts).
    const iamRegion = partitionById(partition.id).iamRegion;
    for (const variants of VARIANTS) {
      const label = `${partition.id} fips=${variants.useFipsEndpoint} dualstack=${variants.useDualstackEndpoint}`;
      ours.push(`iam ${label}: ${callUrl("iam", iamRegion, partition.id, undefined, variants)}`);
      const iam = await sentTo(IAMClient, new ListMFADevicesCommand({}), {
        region: iamRegion,
        ...variants,
      });
      sdk.push(`iam ${label}: ${iam}`);
    }
  }
  expect(ours).toEqual(sdk);
  expect(sdk.length).toBe(7 * 4 + 3 * 4);
  expect(sdk).toContain("iam aws fips=true dualstack=true: https://iam-fips.global.api.aws");
});

test("an override is called as it is", () => {
  const variants = { useFipsEndpoint: true, useDualstackEndpoint: true };
  expect(callUrl("iam", "us-east-1", "aws", "http://127.0.0.1:4566", variants)).toBe(
    "http://127.0.0.1:4566",
  );
});
