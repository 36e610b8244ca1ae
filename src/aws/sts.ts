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

type Sts = Awaited<ReturnType<typeof stsClient>>;

/**
 * One STS call: the client (SDK loaded on first use), one overall deadline, the client freed
 * either way, and AWS errors mapped for people (`arn`: the device or role the call was about).
 * `send` also turns the answer into our types, so an unreadable answer is mapped the same way.
 */
async function callSts<O>(
  operation: string,
  credentials: Credentials,
  target: AwsCallTarget,
  arn: string | undefined,
  send: (sts: Sts, abortSignal: AbortSignal) => Promise<O>,
): Promise<O> {
  try {
    const sts = await stsClient(credentials, target);
    return await withDeadline(
      target,
      (abortSignal) => send(sts, abortSignal),
      () => sts.client.destroy(),
    );
  } catch (error) {
    throw mapAwsError(error, context(target, operation, credentials, arn));
  }
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
  };
}

export function getCallerIdentity(
  credentials: Credentials,
  target: AwsCallTarget,
): Promise<CallerIdentity> {
  return callSts("GetCallerIdentity", credentials, target, undefined, async (sts, abortSignal) => {
    const out = await sts.client.send(new sts.sdk.GetCallerIdentityCommand({}), { abortSignal });
    if (!out.Account || !out.Arn) throw new UnreadableAnswerError("no Account or Arn");
    return { account: out.Account, arn: out.Arn, userId: out.UserId ?? "" };
  });
}

export interface SessionTokenRequest {
  serialNumber: string;
  tokenCode: string;
  durationSeconds: number;
}

export function getSessionToken(
  credentials: Credentials,
  request: SessionTokenRequest,
  target: AwsCallTarget,
): Promise<SessionCredentials> {
  const { serialNumber, tokenCode, durationSeconds } = request;
  return callSts("GetSessionToken", credentials, target, serialNumber, async (sts, abortSignal) => {
    const command = new sts.sdk.GetSessionTokenCommand({
      SerialNumber: serialNumber,
      TokenCode: tokenCode,
      DurationSeconds: durationSeconds,
    });
    return toSession((await sts.client.send(command, { abortSignal })).Credentials);
  });
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
export function assumeRole(
  credentials: Credentials,
  request: AssumeRoleRequest,
  target: AwsCallTarget,
): Promise<AssumedRole> {
  return callSts("AssumeRole", credentials, target, request.roleArn, async (sts, abortSignal) => {
    const command = new sts.sdk.AssumeRoleCommand({
      RoleArn: request.roleArn,
      RoleSessionName: request.sessionName,
      DurationSeconds: request.durationSeconds,
      ...(request.externalId ? { ExternalId: request.externalId } : {}),
    });
    const out = await sts.client.send(command, { abortSignal });
    return { ...toSession(out.Credentials), assumedRoleArn: out.AssumedRoleUser?.Arn };
  });
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
