/**
 * STS and IAM clients. The SDK is imported here, lazily, so commands that never call AWS
 * (and the cached login path) never load it.
 *
 * Timeouts are tight on purpose: a person is waiting. Two attempts of at most ~4 s each keep
 * a dead or black-holed endpoint under ~10 s in total.
 *
 * Every setting the SDK would otherwise look up in ~/.aws is given here, so that it never reads
 * the files itself: for each unset one (FIPS, dual-stack, retry mode, defaults mode, auth-scheme
 * preference, SigV4a region set, app id, clock-skew correction, configured endpoints) it parses
 * both files again, seven parses per call: 3.2 s per STS call at 100,000 profiles. It would also
 * read them for the profile in AWS_PROFILE, not the one awsmfa logs in to. awsmfa has already
 * resolved the endpoint (endpoints.ts) and the region.
 */
import type { Credentials } from "./credentials.ts";

export interface ClientTarget {
  region: string;
  /** An endpoint override (AWS_ENDPOINT_URL_STS and friends). */
  endpoint?: string | undefined;
  /** AWS_USE_FIPS_ENDPOINT / use_fips_endpoint (endpoints.ts); off when not configured. */
  useFipsEndpoint?: boolean | undefined;
  /** AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint; off when not configured. */
  useDualstackEndpoint?: boolean | undefined;
}

export const CONNECT_TIMEOUT_MS = 3000;
export const REQUEST_TIMEOUT_MS = 4000;
export const MAX_ATTEMPTS = 2;

async function clientConfig(credentials: Credentials, target: ClientTarget) {
  const { NodeHttpHandler } = await import("@smithy/node-http-handler");
  return {
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    maxAttempts: MAX_ATTEMPTS,
    retryMode: "standard",
    // "legacy" is what the SDK picks when defaults_mode is unset; with the retry mode and the
    // request handler given here, the mode decides nothing else.
    defaultsMode: "legacy" as const,
    useFipsEndpoint: target.useFipsEndpoint === true,
    useDualstackEndpoint: target.useDualstackEndpoint === true,
    ignoreConfiguredEndpointUrls: true,
    authSchemePreference: [] as string[],
    sigv4aSigningRegionSet: async () => undefined,
    userAgentAppId: async () => undefined,
    disableClockSkewCorrection: false,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // Without this the handler only logs a warning and a silent endpoint hangs forever.
      throwOnRequestTimeout: true,
    }),
  };
}

export async function stsClient(credentials: Credentials, target: ClientTarget) {
  const sts = await import("@aws-sdk/client-sts");
  return { sdk: sts, client: new sts.STSClient(await clientConfig(credentials, target)) };
}

export async function iamClient(credentials: Credentials, target: ClientTarget) {
  const iam = await import("@aws-sdk/client-iam");
  return { sdk: iam, client: new iam.IAMClient(await clientConfig(credentials, target)) };
}
