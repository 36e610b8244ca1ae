/**
 * Where an STS or IAM call goes: the region (IAM is global in a partition and only accepts its
 * partition's signing region), the partition and any endpoint override.
 */
import type { Deps } from "../deps.ts";
import { UsageError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { debug, debugEnabled } from "../ui/debug.ts";
import { caCertificates } from "./ca-bundle.ts";
import { callUrl, endpointOverride, endpointVariants } from "./endpoints.ts";
import { proxySetting } from "./proxy-errors.ts";
import type { ResolvedRegion } from "./region.ts";
import type { AwsCallTarget } from "./sts.ts";

export function callTarget(
  service: "sts" | "iam",
  region: ResolvedRegion,
  context: {
    deps: Pick<Deps, "env" | "clock" | "io" | "platform" | "fs" | "homedir">;
    /** `endpoint_url` of the profile, if any. */
    endpointUrl: string | undefined;
    /** `ca_bundle` of the profile as written ("" when empty), if any (AWS_CA_BUNDLE beats it). */
    caBundle?: string | undefined;
    /** `use_fips_endpoint` and `use_dualstack_endpoint` of the profile, if any. */
    variants?: { fips?: string | undefined; dualstack?: string | undefined };
    /** The profile whose keys sign the call, for messages. */
    profile: string;
  },
): AwsCallTarget {
  const endpoint = endpointOverride(service, context.deps.env, context.endpointUrl);
  const callRegion = service === "iam" ? region.partition.iamRegion : region.region;
  const variants = endpointVariants(context.deps.env, context.variants);
  // The host the call goes to, for the proxy that applies to it (NO_PROXY weighed).
  const url = callUrl(service, callRegion, region.partition.id, endpoint, variants);
  return {
    region: callRegion,
    partition: region.partition,
    endpoint,
    proxy: proxySetting(context.deps.env, url),
    ...variants,
    profile: context.profile,
    now: context.deps.clock.now,
    platform: context.deps.platform,
    trace: debugEnabled(context.deps.env)
      ? (line: string) => debug(context.deps, `${service}: ${line}`)
      : undefined,
    deadlineMs: callDeadlineMs(context.deps.env),
    caCertificates: caCertificates(context.deps, context.caBundle),
  };
}

/**
 * A call's target, worked out when the call is about to be made, once. A plan names the calls
 * it may make (a login's IAM lookup of the device, its GetSessionToken, each AssumeRole), but
 * a setting that only matters for a call (the endpoint override, the proxy for its host) must
 * not stop a run that never makes it: a cached login makes none, and a login whose device is
 * written down never calls IAM. The caller resolves the target before the step it guards (STS
 * before the code is asked for), so a bad setting still costs no code.
 */
export function lazyTarget(make: () => AwsCallTarget): () => AwsCallTarget {
  let made: AwsCallTarget | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/**
 * Everything a call needs that the user set, checked before the step it guards: the target
 * (endpoint, proxy) and the CA bundle, read now (once: the call reuses it). A bundle that is
 * empty, missing or no PEM was found only when the client was built, after the code had been
 * asked for (a person typing it, a YubiKey touch) for a call that could never be made.
 */
export async function checkCall(target: () => AwsCallTarget): Promise<void> {
  await target().caCertificates?.();
}

/** AWSMFA_AWS_TIMEOUT: seconds (fractions allowed) one AWS call may take in all. */
export function callDeadlineMs(env: Record<string, string | undefined>): number | undefined {
  const raw = env.AWSMFA_AWS_TIMEOUT?.trim();
  if (!raw) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds > 0 && seconds <= 600)) {
    throw new UsageError(
      `AWSMFA_AWS_TIMEOUT "${printableInLine(raw)}" is not a number of seconds from 0 to 600.`,
      {
        hint: "Set it to the seconds one AWS call may take, e.g. AWSMFA_AWS_TIMEOUT=20, or unset it.",
      },
    );
  }
  return seconds * 1000;
}
