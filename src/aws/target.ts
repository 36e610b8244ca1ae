/**
 * Where an STS or IAM call goes: the region (IAM is global in a partition and only accepts its
 * partition's signing region), the partition and any endpoint override.
 */
import type { Deps } from "../deps.ts";
import { endpointOverride, endpointVariants } from "./endpoints.ts";
import type { ResolvedRegion } from "./region.ts";
import type { AwsCallTarget } from "./sts.ts";

export function callTarget(
  service: "sts" | "iam",
  region: ResolvedRegion,
  context: {
    deps: Pick<Deps, "env" | "clock">;
    /** `endpoint_url` of the profile, if any. */
    endpointUrl: string | undefined;
    /** `use_fips_endpoint` and `use_dualstack_endpoint` of the profile, if any. */
    variants?: { fips?: string | undefined; dualstack?: string | undefined };
    /** The profile whose keys sign the call, for messages. */
    profile: string;
  },
): AwsCallTarget {
  return {
    region: service === "iam" ? region.partition.iamRegion : region.region,
    partition: region.partition,
    endpoint: endpointOverride(service, context.deps.env, context.endpointUrl),
    ...endpointVariants(context.deps.env, context.variants),
    profile: context.profile,
    now: context.deps.clock.now,
  };
}
