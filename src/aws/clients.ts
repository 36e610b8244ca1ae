/**
 * STS and IAM clients. The SDK is imported here, lazily, so commands that never call AWS
 * (and the cached login path) never load it.
 *
 * Timeouts are tight on purpose: a person is waiting. Two attempts of at most ~4 s each keep
 * a dead or black-holed endpoint under ~10 s in total.
 */
import type { Credentials } from "./credentials.ts";

export interface ClientTarget {
  region: string;
  /** An endpoint override (AWS_ENDPOINT_URL_STS and friends). */
  endpoint?: string | undefined;
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
