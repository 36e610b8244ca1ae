/**
 * Whether a profile has a usable session, without asking AWS: the one in its credentials
 * section, else the one login cached for its long-term key and device (for a role profile:
 * its cached role session).
 */

import type { SessionCredentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { formatDuration } from "../config/durations.ts";
import type { Deps } from "../deps.ts";
import {
  readCachedSession,
  type SessionKey,
  secondsLeft,
  sessionCacheDir,
  sessionCacheName,
} from "../session/cache.ts";
import { sessionInFile } from "../session/in-file.ts";
import { cachedRoleSession } from "../session/roles/cached-role-of.ts";
import { isRoleProfile } from "../session/roles/role-config.ts";
import { cacheKeyOf } from "./forget-cached.ts";

export interface FoundSession {
  session: SessionCredentials;
  /** "file": [profile] of the credentials file; "cache": awsmfa's session cache. */
  source: "file" | "cache";
}

/**
 * `cached`: the names in the session cache folder (cachedSessionNames), for a caller that
 * asks about many profiles: a profile whose file is not among them is not opened at all.
 * `known`: the profile's cache key when the caller worked it out already (list's summary),
 * so that the long-term profile and the device are not looked up a second time.
 */
export async function findSession(
  files: AwsFiles,
  profile: string,
  deps: Deps,
  cached?: ReadonlySet<string>,
  known?: { key: SessionKey | undefined },
): Promise<FoundSession | undefined> {
  if (isRoleProfile(files, profile)) {
    const role = await cachedRoleSession(files, profile, deps);
    return role ? { session: role, source: "cache" } : undefined;
  }
  const inFile = sessionInFile(files, profile);
  if (inFile) return { session: inFile, source: "file" };
  if (cached?.size === 0) return undefined;
  const key = known ? known.key : cacheKeyOf(files, profile);
  if (!key || (cached && !cached.has(sessionCacheName(key)))) return undefined;
  const session = await readCachedSession(deps, key);
  return session ? { session, source: "cache" } : undefined;
}

/**
 * The file names in the session cache folder: one listing instead of one failed open per
 * profile (`list` at 100,000 profiles opened 50,000 files that were not there).
 */
export async function cachedSessionNames(deps: Deps): Promise<Set<string>> {
  try {
    return new Set(await deps.fs.readdir(sessionCacheDir(deps)));
  } catch {
    return new Set(); // no folder, no cached sessions
  }
}

/** "7h42m left", or "expired" (with how long ago when `ago` is set). */
export function timeLeft(expiration: Date, now: number, ago = false): string {
  const left = secondsLeft({ expiration }, now);
  if (left > 0) return `${formatDuration(left)} left`;
  return ago ? `expired ${formatDuration(-left)} ago` : "expired";
}
