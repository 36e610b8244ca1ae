/**
 * What `awsmfa status` looks at: a named profile, else what the current shell would use, the
 * way every AWS tool decides (AWS_* keys first, then AWS_PROFILE, then default). For a profile
 * the session is the one in its credentials section, else the one login cached for it.
 */
import type { Credentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { environmentKeys } from "../config/static-keys.ts";
import type { Deps } from "../deps.ts";
import { findSession } from "./session-status.ts";

export interface StatusSubject {
  /** "environment": the AWS_* variables of the shell; "profile": a profile's session. */
  kind: "environment" | "profile";
  /** The profile named, or the shell's AWS_PROFILE. */
  profile: string | undefined;
  /** Why this profile: "named", "AWS_PROFILE", "default". */
  profileFrom: "named" | "AWS_PROFILE" | "default" | undefined;
  /** Where the credentials are: "environment", "file", "cache"; undefined when there are none. */
  source: "environment" | "file" | "cache" | undefined;
  credentials: Credentials | undefined;
}

export async function statusSubject(
  files: AwsFiles,
  named: string | undefined,
  deps: Deps,
): Promise<StatusSubject> {
  const fromEnv = environmentKeys(deps.env);
  if (named === undefined && fromEnv) {
    return {
      kind: "environment",
      profile: deps.env.AWS_PROFILE || undefined,
      profileFrom: deps.env.AWS_PROFILE ? "AWS_PROFILE" : undefined,
      source: "environment",
      credentials: { ...fromEnv, expiration: fromEnv.expiration ?? expiresVariable(deps.env) },
    };
  }
  const profile = named ?? (deps.env.AWS_PROFILE || "default");
  const profileFrom =
    named !== undefined ? "named" : deps.env.AWS_PROFILE ? "AWS_PROFILE" : "default";
  const found = await findSession(files, profile, deps);
  return {
    kind: "profile",
    profile,
    profileFrom,
    source: found?.source,
    credentials: found?.session,
  };
}

/** AWSMFA_EXPIRES (epoch seconds), which login exports next to AWS_CREDENTIAL_EXPIRATION. */
function expiresVariable(env: Deps["env"]): Date | undefined {
  const seconds = Number(env.AWSMFA_EXPIRES);
  return env.AWSMFA_EXPIRES && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}
