/**
 * The environment of the program `awsmfa exec` runs: the caller's, with the session variables
 * of a login on top and AWSMFA_EXEC naming the profile (which is how a nested exec is noticed).
 * Pure.
 */
import type { SessionCredentials } from "../../aws/credentials.ts";
import { type SessionContext, sessionVariables } from "../../output/variables.ts";
import { envRecord } from "../../system/env-record.ts";

export const EXEC_MARKER = "AWSMFA_EXEC";

/** Variables that would contradict the session if left from the caller's environment. */
const STALE = ["AWS_SECURITY_TOKEN"] as const;

export function childEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  session: SessionCredentials,
  context: SessionContext,
): Record<string, string> {
  // Every name of the parent's, __proto__ and constructor too (system/env-record.ts).
  const env = envRecord<string>();
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !(STALE as readonly string[]).includes(name)) env[name] = value;
  }
  for (const [name, value] of sessionVariables(session, context)) env[name] = value;
  env[EXEC_MARKER] = context.profile;
  return env;
}

/** Static keys and settings that would win over the container endpoint in the SDKs' chain. */
const SHADOWING = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/**
 * The environment of a program run by `awsmfa exec --server`: no keys, but the endpoint and
 * its token, which every SDK's container-credentials provider reads; region and AWSMFA_EXEC
 * as without the server.
 */
export function serverEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  server: { url: string; token: string },
  context: SessionContext,
): Record<string, string> {
  const env = envRecord<string>();
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !SHADOWING.includes(name)) env[name] = value;
  }
  if (context.region) {
    env.AWS_REGION = context.region;
    env.AWS_DEFAULT_REGION = context.region;
  }
  env.AWS_CONTAINER_CREDENTIALS_FULL_URI = server.url;
  env.AWS_CONTAINER_AUTHORIZATION_TOKEN = server.token;
  env[EXEC_MARKER] = context.profile;
  return env;
}
