/**
 * Finds the long-term keys behind a profile. They always come from a profile, never from the
 * AWS_* variables of the shell: those usually hold the previous session, and STS refuses to
 * make a session from a session ("Cannot call GetSessionToken with session credentials").
 *
 * Order: --long-term-profile; `awsmfa_long_term_profile` in the profile's config; the first of
 * PROFILE-long-term, PROFILE-mfa, PROFILE-default (the conventions of aws-mfa and of the
 * scripts people write) that holds long-term keys; else PROFILE itself if it holds them.
 */
import { type Credentials, isTemporaryKeyId } from "../aws/credentials.ts";
import { type AwsFiles, hasProfile, profileValue } from "../config/aws-files.ts";
import { staticKeys } from "../config/static-keys.ts";
import { pasteable, UserError } from "../errors.ts";

export const LONG_TERM_SUFFIXES = ["-long-term", "-mfa", "-default"] as const;

export interface LongTermKeys {
  profile: string;
  credentials: Credentials;
  /** How it was found, for `--verbose` style messages and errors. */
  via: "flag" | "config" | "convention" | "self";
}

export function findLongTermKeys(
  files: AwsFiles,
  profile: string,
  flag: string | undefined,
): LongTermKeys {
  if (flag) return requireLongTerm(files, flag, "flag", `--long-term-profile ${flag}`);
  const configured = profileValue(files, profile, "awsmfa_long_term_profile");
  if (configured) {
    return requireLongTerm(
      files,
      configured,
      "config",
      `awsmfa_long_term_profile = ${configured} in profile ${profile}`,
    );
  }
  const looked: string[] = [];
  for (const suffix of LONG_TERM_SUFFIXES) {
    const candidate = `${profile}${suffix}`;
    const state = keyState(files, candidate);
    looked.push(`[${candidate}]: ${describe(state)}`);
    if (state === "long-term") {
      return { profile: candidate, credentials: staticKeys(files, candidate)!, via: "convention" };
    }
  }
  const own = keyState(files, profile);
  if (own === "long-term") {
    return { profile, credentials: staticKeys(files, profile)!, via: "self" };
  }
  looked.push(`[${profile}] itself: ${describe(own)}`);
  throw new UserError(`No long-term access keys found for profile "${profile}".`, {
    hint: [
      "Looked for:",
      "  --long-term-profile: not given",
      `  awsmfa_long_term_profile in the config of ${profile}: not set`,
      ...looked.map((line) => `  ${line}`),
      `Put your IAM user's access keys in [${profile}-long-term] of ${files.paths.credentials}, or run \`awsmfa configure ${pasteable(profile)}\`.`,
    ].join("\n"),
  });
}

type KeyState = "missing" | "no-keys" | "session" | "long-term";

function keyState(files: AwsFiles, profile: string): KeyState {
  if (!hasProfile(files, profile)) return "missing";
  const keys = staticKeys(files, profile);
  if (!keys) return "no-keys";
  // ASIA... ids are temporary even when someone copied them without their token.
  return keys.sessionToken || isTemporaryKeyId(keys.accessKeyId) ? "session" : "long-term";
}

function describe(state: KeyState): string {
  switch (state) {
    case "missing":
      return "no such profile";
    case "no-keys":
      return "exists, but holds no access keys";
    case "session":
      return "holds session keys (from a login), not long-term keys";
    case "long-term":
      return "long-term keys";
  }
}

function requireLongTerm(
  files: AwsFiles,
  profile: string,
  via: LongTermKeys["via"],
  named: string,
): LongTermKeys {
  const state = keyState(files, profile);
  if (state === "long-term") return { profile, credentials: staticKeys(files, profile)!, via };
  throw new UserError(`The long-term profile named by ${named} ${describeProblem(state)}.`, {
    hint: `Put your IAM user's aws_access_key_id and aws_secret_access_key in [${profile}] of ${files.paths.credentials}, or run \`awsmfa configure\`.`,
  });
}

function describeProblem(state: KeyState): string {
  switch (state) {
    case "missing":
      return "does not exist";
    case "no-keys":
      return "holds no access keys";
    case "session":
      return "holds session keys, not long-term keys";
    case "long-term":
      return "is fine";
  }
}
