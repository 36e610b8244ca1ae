/** The one IAM call awsmfa makes: which MFA devices the calling user has. */

import { type AwsCallTarget, callAws } from "./call.ts";
import { iamClient } from "./clients.ts";
import type { Credentials } from "./credentials.ts";

export interface MfaDevice {
  serial: string;
  userName: string;
  enabledAt: Date | undefined;
}

type Iam = Awaited<ReturnType<typeof iamClient>>;

/** One IAM call (call.ts). */
export function callIam<O>(
  operation: string,
  credentials: Credentials,
  target: AwsCallTarget,
  send: (iam: Iam, abortSignal: AbortSignal) => Promise<O>,
): Promise<O> {
  return callAws("iam", iamClient, { operation, credentials, target }, send);
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
