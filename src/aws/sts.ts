/**
 * src/aws/ (base layer): STS/IAM calls, partitions and endpoints, error mapping and the
 * Credentials type. The SDK is imported lazily so that a cached login never loads it. May
 * import config/, fs/, system/, ui/ and deps.ts/errors.ts; never domain code.
 *
 * The STS calls awsmfa makes, with AWS's answers turned into our types and AWS's errors into
 * UserErrors. One function per call; each loads the SDK on first use.
 */

import { stsClient, withDeadline } from "./clients.ts";
import type { Credentials, SessionCredentials } from "./credentials.ts";
import { describeEndpoint } from "./endpoints.ts";
import { type CallContext, mapAwsError, UnreadableAnswerError } from "./errors.ts";
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
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

function context(
  target: AwsCallTarget,
  operation: string,
  credentials: Credentials,
  arn?: string,
): CallContext {
  return {
    operation,
    endpoint: describeEndpoint("sts", target.region, target.partition.dnsSuffix, target.endpoint),
    region: target.region,
    partition: target.partition,
    profile: target.profile,
    accessKeyId: credentials.accessKeyId,
    arn,
    now: target.now(),
    platform: target.platform,
  };
}

export async function getCallerIdentity(
  credentials: Credentials,
  target: AwsCallTarget,
): Promise<CallerIdentity> {
  try {
    const { sdk, client } = await stsClient(credentials, target);
    const out = await withDeadline(
      target,
      (abortSignal) => client.send(new sdk.GetCallerIdentityCommand({}), { abortSignal }),
      () => client.destroy(),
    );
    if (!out.Account || !out.Arn) throw new UnreadableAnswerError("no Account or Arn");
    return { account: out.Account, arn: out.Arn, userId: out.UserId ?? "" };
  } catch (error) {
    throw mapAwsError(error, context(target, "GetCallerIdentity", credentials));
  }
}

export interface SessionTokenRequest {
  serialNumber: string;
  tokenCode: string;
  durationSeconds: number;
}

export async function getSessionToken(
  credentials: Credentials,
  request: SessionTokenRequest,
  target: AwsCallTarget,
): Promise<SessionCredentials> {
  try {
    const { sdk, client, clock } = await stsClient(credentials, target);
    const out = await withDeadline(
      target,
      (abortSignal) =>
        client.send(
          new sdk.GetSessionTokenCommand({
            SerialNumber: request.serialNumber,
            TokenCode: request.tokenCode,
            DurationSeconds: request.durationSeconds,
          }),
          { abortSignal },
        ),
      () => client.destroy(),
    );
    return { ...toSession(out.Credentials), clock: clock.reading };
  } catch (error) {
    throw mapAwsError(error, context(target, "GetSessionToken", credentials, request.serialNumber));
  }
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string | undefined;
}

export interface AssumedRole extends SessionCredentials {
  /** arn:PARTITION:sts::ACCOUNT:assumed-role/NAME/SESSION, as AWS answered it. */
  assumedRoleArn: string | undefined;
}

/** AssumeRole with the (MFA session or role session) credentials given. */
export async function assumeRole(
  credentials: Credentials,
  request: AssumeRoleRequest,
  target: AwsCallTarget,
): Promise<AssumedRole> {
  try {
    const { sdk, client, clock } = await stsClient(credentials, target);
    const out = await withDeadline(
      target,
      (abortSignal) =>
        client.send(
          new sdk.AssumeRoleCommand({
            RoleArn: request.roleArn,
            RoleSessionName: request.sessionName,
            DurationSeconds: request.durationSeconds,
            ...(request.externalId ? { ExternalId: request.externalId } : {}),
          }),
          { abortSignal },
        ),
      () => client.destroy(),
    );
    return {
      ...toSession(out.Credentials),
      clock: clock.reading,
      assumedRoleArn: out.AssumedRoleUser?.Arn,
    };
  } catch (error) {
    throw mapAwsError(error, context(target, "AssumeRole", credentials, request.roleArn));
  }
}

interface SdkCredentials {
  AccessKeyId?: string | undefined;
  SecretAccessKey?: string | undefined;
  SessionToken?: string | undefined;
  Expiration?: Date | undefined;
}

export function toSession(c: SdkCredentials | undefined): SessionCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new UnreadableAnswerError("AWS answered without complete credentials");
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: new Date(c.Expiration),
  };
}
