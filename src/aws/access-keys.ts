/**
 * The IAM calls of `awsmfa keys rotate` and doctor's key-age check: list, create and delete
 * the calling user's own access keys (with an MFA session, as the AWS self-manage policy asks).
 * Errors keep their AWS code on `cause` (mapAwsError), so callers can tell LimitExceeded apart.
 */
import { iamClient } from "./clients.ts";
import type { Credentials } from "./credentials.ts";
import { describeEndpoint } from "./endpoints.ts";
import { mapAwsError } from "./errors.ts";
import type { AwsCallTarget } from "./sts.ts";

export interface AccessKeyInfo {
  accessKeyId: string;
  status: string;
  createdAt: Date | undefined;
}

function mapped(
  error: unknown,
  operation: string,
  credentials: Credentials,
  target: AwsCallTarget,
) {
  return mapAwsError(error, {
    operation,
    endpoint: describeEndpoint("iam", target.region, target.partition.dnsSuffix, target.endpoint),
    region: target.region,
    partition: target.partition,
    profile: target.profile,
    accessKeyId: credentials.accessKeyId,
    now: target.now(),
  });
}

export async function listAccessKeys(
  credentials: Credentials,
  target: AwsCallTarget,
): Promise<AccessKeyInfo[]> {
  try {
    const { sdk, client } = await iamClient(credentials, target);
    const out = await client.send(new sdk.ListAccessKeysCommand({}));
    return (out.AccessKeyMetadata ?? []).map((key) => ({
      accessKeyId: key.AccessKeyId ?? "",
      status: key.Status ?? "",
      createdAt: key.CreateDate,
    }));
  } catch (error) {
    throw mapped(error, "ListAccessKeys", credentials, target);
  }
}

export async function createAccessKey(
  credentials: Credentials,
  target: AwsCallTarget,
): Promise<Credentials> {
  try {
    const { sdk, client } = await iamClient(credentials, target);
    const out = await client.send(new sdk.CreateAccessKeyCommand({}));
    const id = out.AccessKey?.AccessKeyId;
    const secret = out.AccessKey?.SecretAccessKey;
    if (!id || !secret) throw new Error("CreateAccessKey answered without a key");
    return { accessKeyId: id, secretAccessKey: secret };
  } catch (error) {
    throw mapped(error, "CreateAccessKey", credentials, target);
  }
}

export async function deleteAccessKey(
  credentials: Credentials,
  accessKeyId: string,
  target: AwsCallTarget,
): Promise<void> {
  try {
    const { sdk, client } = await iamClient(credentials, target);
    await client.send(new sdk.DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }));
  } catch (error) {
    throw mapped(error, "DeleteAccessKey", credentials, target);
  }
}
