/** The keys a profile holds itself (as opposed to getting them from a role or a process). */
import type { Credentials } from "../aws/credentials.ts";
import { type AwsFiles, profileReader } from "./aws-files.ts";

export function staticKeys(files: AwsFiles, profile: string): Credentials | undefined {
  const value = profileReader(files, profile);
  const accessKeyId = value("aws_access_key_id");
  const secretAccessKey = value("aws_secret_access_key");
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = value("aws_session_token");
  const expiration = value("expiration");
  const expiry = expiration ? new Date(expiration) : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined,
  };
}

/** Keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, if set. */
export function environmentKeys(
  env: Readonly<Record<string, string | undefined>>,
): Credentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const expiration = env.AWS_CREDENTIAL_EXPIRATION
    ? new Date(env.AWS_CREDENTIAL_EXPIRATION)
    : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: env.AWS_SESSION_TOKEN || undefined,
    expiration: expiration && !Number.isNaN(expiration.getTime()) ? expiration : undefined,
  };
}
