/**
 * src/aws/ (base layer): STS/IAM calls, partitions and endpoints, error mapping and the
 * Credentials type. The SDK is imported lazily so that a cached login never loads it. May
 * import config/, fs/, system/, ui/ and deps.ts/errors.ts; never domain code.
 *
 * The STS calls awsmfa makes, with AWS's answers turned into our types and AWS's errors into
 * UserErrors. One function per call; each loads the SDK on first use.
 */

import { type AwsCallTarget, callAws } from "./call.ts";
import { stsClient } from "./clients.ts";
import type { Credentials, SessionCredentials } from "./credentials.ts";
import { UnreadableAnswerError } from "./errors.ts";

export type { AwsCallTarget } from "./call.ts";

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

type Sts = Awaited<ReturnType<typeof stsClient>>;

/**
 * One STS call (call.ts); `arn` is the device or role it is about, for messages. `send` also
 * turns the answer into our types, so an unreadable answer is mapped the same way.
 */
function callSts<O>(
  operation: string,
  credentials: Credentials,
  target: AwsCallTarget,
  arn: string | undefined,
  send: (sts: Sts, abortSignal: AbortSignal) => Promise<O>,
): Promise<O> {
  return callAws("sts", stsClient, { operation, credentials, target, arn }, send);
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
    const out = await sts.client.send(command, { abortSignal });
    return { ...toSession(out.Credentials), clock: sts.clock.reading };
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
    return {
      ...toSession(out.Credentials),
      clock: sts.clock.reading,
      assumedRoleArn: out.AssumedRoleUser?.Arn,
    };
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
