/** The keys a profile holds itself (as opposed to getting them from a role or a process). */
import type { Credentials } from "../aws/credentials.ts";
import { type AwsFiles, profileValue } from "./aws-files.ts";
import { TOKEN_KEYS } from "./section-state.ts";

export function staticKeys(files: AwsFiles, profile: string): Credentials | undefined {
  const accessKeyId = profileValue(files, profile, "aws_access_key_id");
  const secretAccessKey = profileValue(files, profile, "aws_secret_access_key");
  if (!accessKeyId || !secretAccessKey) return undefined;
  // aws_security_token is the old name botocore still reads when aws_session_token is absent.
  const sessionToken = TOKEN_KEYS.map((key) => profileValue(files, profile, key)).find(Boolean);
  const expiration = profileValue(files, profile, "expiration");
  const expiry = expiration ? new Date(expiration) : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined,
  };
}
