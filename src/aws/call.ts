/**
 * One AWS call, the way every call awsmfa makes goes: the service's client (the SDK loaded on
 * first use), one overall deadline (AWSMFA_AWS_TIMEOUT), the client freed either way, and AWS
 * errors mapped for people. Mapped errors keep their AWS code on `cause`, so callers can tell
 * "denied" or LimitExceeded apart.
 */
import type { CaCertificates } from "./ca-bundle.ts";
import { type ClientTarget, withDeadline } from "./clients.ts";
import type { Credentials } from "./credentials.ts";
import { describeEndpoint } from "./endpoints.ts";
import { mapAwsError } from "./errors.ts";
import type { Partition } from "./partition.ts";

export interface AwsCallTarget {
  region: string;
  partition: Partition;
  /** Endpoint override for this service, if any. */
  endpoint?: string | undefined;
  useFipsEndpoint?: boolean | undefined;
  useDualstackEndpoint?: boolean | undefined;
  /** The profile whose credentials sign the call, for messages. */
  profile?: string | undefined;
  /** Local time, for clock-skew messages. */
  now: () => number;
  /** For the clock fix a clock error suggests. */
  platform?: NodeJS.Platform | undefined;
  /** The --debug trace: one line per AWS request and its answer's status. */
  trace?: ((line: string) => void) | undefined;
  /** The overall deadline of one call (ms); clients.ts has the default. */
  deadlineMs?: number | undefined;
  /** The proxy the call goes through, for network errors (proxy-errors.ts). */
  proxy?: string | undefined;
  /** AWS_CA_BUNDLE / ca_bundle (ca-bundle.ts), trusted instead of the built-in CAs. */
  caCertificates?: CaCertificates | undefined;
  /** Work for the main thread while the request is out (clients.ts ClientTarget). */
  whileWaiting?: (() => void) | undefined;
}

export interface AwsCall {
  operation: string;
  credentials: Credentials;
  target: AwsCallTarget;
  /** The device or role the call is about, for messages. */
  arn?: string | undefined;
}

export async function callAws<C extends { client: { destroy(): void } }, O>(
  service: "sts" | "iam",
  open: (credentials: Credentials, target: ClientTarget) => Promise<C>,
  call: AwsCall,
  send: (client: C, abortSignal: AbortSignal) => Promise<O>,
): Promise<O> {
  const { operation, credentials, target, arn } = call;
  try {
    const opened = await open(credentials, target);
    return await withDeadline(
      target,
      (abortSignal) => send(opened, abortSignal),
      () => opened.client.destroy(),
    );
  } catch (error) {
    throw mapAwsError(error, {
      service,
      operation,
      endpoint: describeEndpoint(
        service,
        target.region,
        target.partition.dnsSuffix,
        target.endpoint,
      ),
      region: target.region,
      partition: target.partition,
      profile: target.profile,
      accessKeyId: credentials.accessKeyId,
      arn,
      now: target.now(),
      platform: target.platform,
      proxy: target.proxy,
    });
  }
}
