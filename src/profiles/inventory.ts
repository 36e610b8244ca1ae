/**
 * What each profile is, from the files alone (no network): long-term keys, a session profile
 * (it holds a session, or has long-term keys elsewhere to get one with), a role, or other
 * (SSO, credential_process, settings only). For `awsmfa list` and `awsmfa status`.
 */
import { type AwsFiles, profileNames, profileValue } from "../config/aws-files.ts";
import { keyState } from "../config/key-state.ts";
import { staticKeys } from "../config/static-keys.ts";
import type { SessionKey } from "../session/cache.ts";
import { findLongTermKeys, type LongTermKeys } from "../session/long-term.ts";
import { configuredSerial } from "../session/mfa-serial.ts";

export type ProfileKind = "long-term" | "session" | "role" | "other";

export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  /** The profile whose long-term keys get this one's sessions (itself for long-term keys). */
  longTermProfile: string | undefined;
  /** The MFA device, or undefined when none is configured ("invalid" when malformed). */
  serial: string | undefined;
  region: string | undefined;
  /**
   * Where login caches this profile's session, as cacheKeyOf (forget-cached.ts) finds it:
   * worked out here from the lookups the summary makes anyway (list reads it for every row).
   */
  cacheKey: SessionKey | undefined;
}

export function summarizeProfiles(files: AwsFiles): ProfileSummary[] {
  return profileNames(files).map((name) => summarizeProfile(files, name));
}

export function summarizeProfile(files: AwsFiles, name: string): ProfileSummary {
  // The partner is looked up once: each lookup reads up to four profiles (list at 100,000
  // profiles spent half its time in the second one).
  let partner: LongTermKeys | undefined | null = null;
  const partnerOnce = () => {
    if (partner === null) partner = partnerOf(files, name);
    return partner?.profile;
  };
  const kind = kindOf(files, name, partnerOnce);
  const longTermProfile = kind === "role" || kind === "other" ? undefined : partnerOnce();
  const profiles = longTermProfile && longTermProfile !== name ? [name, longTermProfile] : [name];
  let serial: string | undefined;
  let valid = true;
  try {
    serial = configuredSerial(files, profiles, undefined)?.serial;
  } catch {
    serial = "invalid";
    valid = false;
  }
  const region = profiles.map((p) => profileValue(files, p, "region")).find(Boolean);
  // cacheKeyOf: the long-term keys found, then a valid device of [name, their profile].
  const longTerm = partner as LongTermKeys | undefined | null;
  const cacheKey =
    longTerm && valid && serial ? { longTermKeyId: longTerm.keyId, serial } : undefined;
  return { name, kind, longTermProfile, serial, region, cacheKey };
}

function kindOf(files: AwsFiles, name: string, partnerOf: () => string | undefined): ProfileKind {
  if (profileValue(files, name, "role_arn")) return "role";
  const keys = staticKeys(files, name);
  const state = keys && keyState(keys.accessKeyId, keys.sessionToken !== undefined);
  if (state && state !== "none") return state;
  const partner = partnerOf();
  return partner && partner !== name ? "session" : "other";
}

function partnerOf(files: AwsFiles, name: string): LongTermKeys | undefined {
  try {
    return findLongTermKeys(files, name, undefined);
  } catch {
    return undefined;
  }
}

/** Long-term profiles that serve another profile (their rows show no session of their own). */
export function partners(summaries: readonly ProfileSummary[]): Set<string> {
  return new Set(
    summaries
      .filter((s) => s.kind === "session" && s.longTermProfile && s.longTermProfile !== s.name)
      .map((s) => s.longTermProfile!),
  );
}
