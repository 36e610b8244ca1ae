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

/** Thrown (mapped) errors keep their AWS code on `cause`, so callers can tell "denied" apart. */
export async function listMfaDevices(
  credentials: Credentials,
  target: AwsCallTarget,
  userName?: string,
): Promise<MfaDevice[]> {
  try {
    const { sdk, client } = await iamClient(credentials, target);
    const out = await withDeadline(
      target,
      (abortSignal) =>
        client.send(new sdk.ListMFADevicesCommand(userName ? { UserName: userName } : {}), {
          abortSignal,
        }),
      () => client.destroy(),
    );
    return (out.MFADevices ?? []).map((d) => ({
      serial: d.SerialNumber ?? "",
      userName: d.UserName ?? "",
      enabledAt: d.EnableDate,
    }));
  } catch (error) {
    throw mapAwsError(error, {
      operation: "ListMFADevices",
      endpoint: describeEndpoint("iam", target.region, target.partition.dnsSuffix, target.endpoint),
      region: target.region,
      partition: target.partition,
      profile: target.profile,
      accessKeyId: credentials.accessKeyId,
      now: target.now(),
    });
  }
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
