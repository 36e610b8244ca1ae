/** AwsFiles from config text, for the pure role functions. */
import type { AwsFiles } from "../../../src/config/aws-files.ts";
import { profilesOf } from "../../../src/ini/index.ts";

export function awsFiles(config: string, credentials = ""): AwsFiles {
  return {
    paths: { config: "/home/me/.aws/config", credentials: "/home/me/.aws/credentials" },
    configText: config,
    credentialsText: credentials,
    config: profilesOf(config, "config"),
    credentials: profilesOf(credentials, "credentials"),
  };
}

export const KEYS =
  "[prod-long-term]\naws_access_key_id = AKIAEXAMPLE000000000\naws_secret_access_key = s\n";
export const ADMIN = "arn:aws:iam::123456789012:role/admin";
