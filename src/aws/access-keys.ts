/**
 * The IAM calls of `awsmfa keys rotate` and doctor's key-age check: list, create and delete
 * the calling user's own access keys (with an MFA session, as the AWS self-manage policy asks),
 * each under the overall deadline of every AWS call.
 * Errors keep their AWS code on `cause` (mapAwsError), so callers can tell LimitExceeded apart.
 */
import type { Credentials } from "./credentials.ts";
import { callIam } from "./iam.ts";
import type { AwsCallTarget } from "./sts.ts";

export interface AccessKeyInfo {
  accessKeyId: string;
  status: string;
  createdAt: Date | undefined;
}

export async function listAccessKeys(
  credentials: Credentials,
  target: AwsCallTarget,
): Promise<AccessKeyInfo[]> {
  const out = await callIam("ListAccessKeys", credentials, target, ({ sdk, client }, abortSignal) =>
    client.send(new sdk.ListAccessKeysCommand({}), { abortSignal }),
  );
  return (out.AccessKeyMetadata ?? []).map((key) => ({
    accessKeyId: key.AccessKeyId ?? "",
    status: key.Status ?? "",
    createdAt: key.CreateDate,
  }));
}

export async function createAccessKey(
  credentials: Credentials,
  target: AwsCallTarget,
): Promise<Credentials> {
  const out = await callIam(
    "CreateAccessKey",
    credentials,
    target,
    ({ sdk, client }, abortSignal) =>
      client.send(new sdk.CreateAccessKeyCommand({}), { abortSignal }),
  );
  const id = out.AccessKey?.AccessKeyId;
  const secret = out.AccessKey?.SecretAccessKey;
  if (!id || !secret) throw new Error("CreateAccessKey answered without a key");
  return { accessKeyId: id, secretAccessKey: secret };
}

export async function deleteAccessKey(
  credentials: Credentials,
  accessKeyId: string,
  target: AwsCallTarget,
): Promise<void> {
  await callIam("DeleteAccessKey", credentials, target, ({ sdk, client }, abortSignal) =>
    client.send(new sdk.DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }), { abortSignal }),
  );
}
