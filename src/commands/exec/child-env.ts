/**
 * The environment of the program `awsmfa exec` runs: the caller's, with the session variables
 * of a login on top and AWSMFA_EXEC naming the profile (which is how a nested exec is noticed).
 * Pure.
 */
import type { SessionCredentials } from "../../aws/credentials.ts";
import { type SessionContext, sessionVariables } from "../../output/variables.ts";

export const EXEC_MARKER = "AWSMFA_EXEC";

/** Variables that would contradict the session if left from the caller's environment. */
const STALE = ["AWS_SECURITY_TOKEN"] as const;

export function childEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  session: SessionCredentials,
  context: SessionContext,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !(STALE as readonly string[]).includes(name)) env[name] = value;
  }
  for (const [name, value] of sessionVariables(session, context)) env[name] = value;
  env[EXEC_MARKER] = context.profile;
  return env;
}
