/** The one IAM call awsmfa makes: which MFA devices the calling user has. */

import { iamClient, withDeadline } from "./clients.ts";
import type { Credentials } from "./credentials.ts";
import { describeEndpoint } from "./endpoints.ts";
import { mapAwsError } from "./errors.ts";
import type { AwsCallTarget } from "./sts.ts";

export interface MfaDevice {
  serial: string;
  userName: string;
  enabledAt: Date | undefined;
}

type Iam = Awaited<ReturnType<typeof iamClient>>;

/**
 * One IAM call: the SDK client, the overall deadline every AWS call has (AWSMFA_AWS_TIMEOUT),
 * and AWS errors mapped for people. Mapped errors keep their AWS code on `cause`, so callers
 * can tell "denied" or LimitExceeded apart.
 */
export async function callIam<O>(
  operation: string,
  credentials: Credentials,
  target: AwsCallTarget,
  send: (iam: Iam, abortSignal: AbortSignal) => Promise<O>,
): Promise<O> {
  try {
    const iam = await iamClient(credentials, target);
    return await withDeadline(
      target,
      (abortSignal) => send(iam, abortSignal),
      () => iam.client.destroy(),
    );
  } catch (error) {
    throw mapAwsError(error, {
      operation,
      endpoint: describeEndpoint("iam", target.region, target.partition.dnsSuffix, target.endpoint),
      region: target.region,
      partition: target.partition,
      profile: target.profile,
      accessKeyId: credentials.accessKeyId,
      now: target.now(),
      platform: target.platform,
    });
  }
}

export async function listMfaDevices(
  credentials: Credentials,
  target: AwsCallTarget,
  userName?: string,
): Promise<MfaDevice[]> {
  const out = await callIam("ListMFADevices", credentials, target, ({ sdk, client }, abortSignal) =>
    client.send(new sdk.ListMFADevicesCommand(userName ? { UserName: userName } : {}), {
      abortSignal,
    }),
  );
  return (out.MFADevices ?? []).map((d) => ({
    serial: d.SerialNumber ?? "",
    userName: d.UserName ?? "",
    enabledAt: d.EnableDate,
  }));
}

/** True for "you may not call this" (as opposed to bad keys or a dead network). */
export function isAccessDenied(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } })?.cause;
  return cause?.name === "AccessDenied" || cause?.name === "AccessDeniedException";
}

/**
 * True for "no such user": moto, LocalStack and IAM policies scoped to user/${aws:username}
 * answer ListMFADevices without UserName this way ("The user with name None cannot be found").
 */
export function isNoSuchEntity(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } })?.cause;
  return cause?.name === "NoSuchEntity" || cause?.name === "NoSuchEntityException";
}
