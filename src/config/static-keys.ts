/** The keys a profile holds itself (as opposed to getting them from a role or a process). */
import type { Credentials } from "../aws/credentials.ts";
import { type AwsFiles, profileReader } from "./aws-files.ts";
import { TOKEN_KEYS } from "./key-state.ts";

export function staticKeys(files: AwsFiles, profile: string): Credentials | undefined {
  const value = profileReader(files, profile);
  const accessKeyId = value("aws_access_key_id");
  const secretAccessKey = value("aws_secret_access_key");
  if (!accessKeyId || !secretAccessKey) return undefined;
  // aws_security_token is the old name botocore still reads when aws_session_token is absent.
  const sessionToken = TOKEN_KEYS.map(value).find(Boolean);
  const expiration = value("expiration");
  const expiry = expiration ? new Date(expiration) : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined,
  };
}
