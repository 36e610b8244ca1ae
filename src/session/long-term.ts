/**
 * Finds the long-term keys behind a profile. They always come from a profile, never from the
 * AWS_* variables of the shell: those usually hold the previous session, and STS refuses to
 * make a session from a session ("Cannot call GetSessionToken with session credentials").
 *
 * Order: --long-term-profile; `awsmfa_long_term_profile` in the profile's config; the first of
 * PROFILE-long-term, PROFILE-mfa, PROFILE-default (the conventions of aws-mfa and of the
 * scripts people write) that holds long-term keys; else PROFILE itself if it holds them.
 *
 * A profile holds long-term keys when its credentials-file section has them, or when its config
 * section names a key store (`awsmfa_key_store = keychain`; the keys are then read from the store
 * only when a call needs them: long-term-credentials.ts). A long-term profile named explicitly
 * or by convention may instead have `credential_process` (its output's keys are used); PROFILE
 * itself may not, because its credential_process is usually awsmfa's own.
 */
import type { Credentials } from "../aws/credentials.ts";
import {
  type AwsFiles,
  hasProfile,
  hasSuffixedProfile,
  profileValue,
} from "../config/aws-files.ts";
import { keyState } from "../config/key-state.ts";
import { staticKeys } from "../config/static-keys.ts";
import { pasteable, UserError } from "../errors.ts";
import { isKeyStoreName, KEY_STORE_SETTING, type KeyStoreName, notedKeyId } from "../keys/store.ts";
import { printableInLine } from "../system/printable.ts";

export const LONG_TERM_SUFFIXES = ["-long-term", "-mfa", "-default"] as const;

export type LongTermSource =
  /** Plaintext in the credentials file, read already. */
  | { kind: "file"; credentials: Credentials }
  /** In a key store; read when a call needs the secret. */
  | { kind: "store"; store: Exclude<KeyStoreName, "credentials-file"> }
  /** The output of the profile's credential_process. */
  | { kind: "process"; command: string };

export interface LongTermKeys {
  profile: string;
  /**
   * The access key id, known without unlocking a store (awsmfa_key_id beside the store's name),
   * for cache keys and messages. When it cannot be known (credential_process, or a store set up
   * by hand) it is a stand-in that still keys the session cache per profile.
   */
  keyId: string;
  source: LongTermSource;
  /** How it was found, for `--verbose` style messages and errors. */
  via: "flag" | "config" | "convention" | "self";
}

export function findLongTermKeys(
  files: AwsFiles,
  profile: string,
  flag: string | undefined,
): LongTermKeys {
  if (flag)
    return requireLongTerm(files, flag, "flag", `--long-term-profile ${printableInLine(flag)}`);
  const configured = profileValue(files, profile, "awsmfa_long_term_profile");
  if (configured) {
    return requireLongTerm(
      files,
      configured,
      "config",
      `awsmfa_long_term_profile = ${printableInLine(configured)} in profile ${printableInLine(profile)}`,
    );
  }
  for (const suffix of LONG_TERM_SUFFIXES) {
    // Most profiles have no such partner: asked without making its name (list asks 300,000).
    if (!hasSuffixedProfile(files, profile, suffix)) continue;
    const candidate = `${profile}${suffix}`;
    if (candidateState(files, candidate, true) === "long-term") {
      return longTermOf(files, candidate, "convention");
    }
  }
  const own = candidateState(files, profile, false);
  if (own === "long-term") return longTermOf(files, profile, "self");
  // What was looked at, for the message only (list asks about every profile and rarely fails).
  const looked = LONG_TERM_SUFFIXES.map(
    (suffix) =>
      `[${printableInLine(profile)}${suffix}]: ${WORDS[candidateState(files, `${profile}${suffix}`, true)].found}`,
  );
  looked.push(`[${printableInLine(profile)}] itself: ${WORDS[own].found}`);
  if (isSsoProfile(files, profile)) throw ssoProfile(profile);
  throw new UserError(`No long-term access keys found for profile "${printableInLine(profile)}".`, {
    hint: [
      "Looked for:",
      "  --long-term-profile: not given",
      `  awsmfa_long_term_profile in the config of ${printableInLine(profile)}: not set`,
      ...looked.map((line) => `  ${line}`),
      `Put your IAM user's access keys in [${printableInLine(profile)}-long-term] of ${printableInLine(files.paths.credentials)}, or run \`awsmfa configure ${pasteable(profile)}\`.`,
    ].join("\n"),
  });
}

/** The keys that make a profile an IAM Identity Center (SSO) one for the AWS CLI. */
const SSO_KEYS = ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name"] as const;

function isSsoProfile(files: AwsFiles, profile: string): boolean {
  return SSO_KEYS.some((key) => profileValue(files, profile, key) !== undefined);
}

/**
 * An SSO profile has no long-term keys and needs no MFA code from awsmfa: its sessions come
 * from `aws sso login`. Saying "no long-term keys" would send the user to add keys they should
 * not have.
 */
function ssoProfile(profile: string): UserError {
  return new UserError(
    `Profile "${printableInLine(profile)}" is an IAM Identity Center (SSO) profile: SSO profiles are not what awsmfa does; use \`aws sso login\`.`,
    {
      hint: `Run \`aws sso login --profile ${pasteable(profile)}\`, then use the profile directly (AWS_PROFILE=${pasteable(profile)}). awsmfa is for IAM users' long-term keys with an MFA device.`,
    },
  );
}

/** What a candidate profile offers: keyState's answer, or why there is nothing to ask it of. */
type Candidate = "missing" | "no-keys" | "session" | "long-term";

/** The store a profile's config names, other than the credentials file (the default). */
export function configuredStore(
  files: AwsFiles,
  profile: string,
): Exclude<KeyStoreName, "credentials-file"> | undefined {
  const name = files.config.get(profile)?.[KEY_STORE_SETTING];
  if (typeof name !== "string" || name === "" || name === "credentials-file") return undefined;
  if (!isKeyStoreName(name)) {
    throw new UserError(
      `Unknown ${KEY_STORE_SETTING} "${printableInLine(name)}" in profile ${printableInLine(profile)}.`,
      {
        hint: "Key stores: keychain, pass, encrypted-file, credentials-file.",
      },
    );
  }
  return name as Exclude<KeyStoreName, "credentials-file">;
}

function processCommand(files: AwsFiles, profile: string): string | undefined {
  return profileValue(files, profile, "credential_process");
}

function longTermOf(files: AwsFiles, profile: string, via: LongTermKeys["via"]): LongTermKeys {
  const store = configuredStore(files, profile);
  if (store) {
    return {
      profile,
      keyId: notedKeyId(files, profile) ?? `${store}:${profile}`,
      source: { kind: "store", store },
      via,
    };
  }
  const keys = staticKeys(files, profile);
  if (keys) {
    // Only the pair: a stale token beside an IAM user's id (keyState calls that long-term)
    // would make STS refuse the call.
    const credentials = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
    return { profile, keyId: credentials.accessKeyId, source: { kind: "file", credentials }, via };
  }
  const command = processCommand(files, profile)!;
  return {
    profile,
    keyId: `credential_process:${profile}`,
    source: { kind: "process", command },
    via,
  };
}

function candidateState(files: AwsFiles, profile: string, processAllowed: boolean): Candidate {
  if (!hasProfile(files, profile)) return "missing";
  if (configuredStore(files, profile)) return "long-term";
  const keys = staticKeys(files, profile);
  if (!keys && processAllowed && processCommand(files, profile)) return "long-term";
  if (!keys) return "no-keys";
  const state = keyState(keys.accessKeyId, keys.sessionToken !== undefined);
  return state === "none" ? "no-keys" : state;
}

/** Each state in words: as a line of the "Looked for" list, and as the problem with a named profile. */
const WORDS: Record<Candidate, { found: string; problem: string }> = {
  missing: { found: "no such profile", problem: "does not exist" },
  "no-keys": { found: "exists, but holds no access keys", problem: "holds no access keys" },
  session: {
    found: "holds session keys (from a login), not long-term keys",
    problem: "holds session keys, not long-term keys",
  },
  "long-term": { found: "long-term keys", problem: "is fine" },
};

function requireLongTerm(
  files: AwsFiles,
  profile: string,
  via: LongTermKeys["via"],
  named: string,
): LongTermKeys {
  const state = candidateState(files, profile, true);
  if (state === "long-term") return longTermOf(files, profile, via);
  throw new UserError(`The long-term profile named by ${named} ${WORDS[state].problem}.`, {
    hint: `Put your IAM user's aws_access_key_id and aws_secret_access_key in [${printableInLine(profile)}] of ${printableInLine(files.paths.credentials)}, or run \`awsmfa configure\`.`,
  });
}
