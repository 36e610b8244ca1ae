/**
 * What `awsmfa status` looks at: a named profile, else what the current shell would use, the
 * way every AWS tool decides (AWS_* keys first, then AWS_PROFILE, then default). For a profile
 * the session is the one in its credentials section, else the one login cached for it.
 */
import type { Credentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { keysInEnv } from "../session/in-env.ts";
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
  const inEnv = keysInEnv(deps.env);
  if (named === undefined && inEnv.credentials) {
    return {
      kind: "environment",
      profile: inEnv.profile,
      profileFrom: inEnv.profile ? "AWS_PROFILE" : undefined,
      source: "environment",
      credentials: inEnv.credentials,
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
