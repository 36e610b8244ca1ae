/**
 * Whether a profile has a usable session, without asking AWS: the one in its credentials
 * section, else the one login cached for its long-term key and device (for a role profile:
 * its cached role session).
 */
import type { SessionCredentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { formatDuration } from "../config/durations.ts";
import type { Deps } from "../deps.ts";
import { readCachedSession, secondsLeft } from "../session/cache.ts";
import { sessionInFile } from "../session/in-file.ts";
import { cachedRoleSession } from "../session/roles/cached-role-of.ts";
import { isRoleProfile } from "../session/roles/role-config.ts";
import { cacheKeyOf } from "./forget-cached.ts";

export interface FoundSession {
  session: SessionCredentials;
  /** "file": [profile] of the credentials file; "cache": awsmfa's session cache. */
  source: "file" | "cache";
}

export async function findSession(
  files: AwsFiles,
  profile: string,
  deps: Deps,
): Promise<FoundSession | undefined> {
  if (isRoleProfile(files, profile)) {
    const role = await cachedRoleSession(files, profile, deps);
    return role ? { session: role, source: "cache" } : undefined;
  }
  const inFile = sessionInFile(files, profile);
  if (inFile) return { session: inFile, source: "file" };
  const key = cacheKeyOf(files, profile);
  const cached = key && (await readCachedSession(deps, key));
  return cached ? { session: cached, source: "cache" } : undefined;
}

/** "7h42m left", or "expired" (with how long ago when `ago` is set). */
export function timeLeft(expiration: Date, now: number, ago = false): string {
  const left = secondsLeft({ expiration }, now);
  if (left > 0) return `${formatDuration(left)} left`;
  return ago ? `expired ${formatDuration(-left)} ago` : "expired";
}
