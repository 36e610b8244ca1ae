/**
 * Logout's side of the session cache: the cached session of a profile (found by its long-term
 * key and device, as login stores it), or every cached session for `logout --all`.
 */
import { basename, join } from "node:path";
import type { AwsFiles } from "../config/aws-files.ts";
import { checkCacheFolder } from "../config/cache-folder.ts";
import type { Deps } from "../deps.ts";
import type { SessionKey } from "../session/cache.ts";
import { readCachedSession, sessionCacheDir, sessionCachePath } from "../session/cache.ts";
import { deleteCachedSession } from "../session/cache-write.ts";
import { findLongTermKeys } from "../session/long-term.ts";
import { configuredSerial } from "../session/mfa-serial.ts";
import { forgetCachedRole } from "../session/roles/cached-role-of.ts";
import { isRoleProfile } from "../session/roles/role-config.ts";

type CacheDeps = Pick<Deps, "env" | "homedir" | "platform" | "fs" | "uid" | "gid">;

/** Where login would cache the profile's session, or undefined when it cannot be known. */
export function cacheKeyOf(files: AwsFiles, profile: string): SessionKey | undefined {
  try {
    const longTerm = findLongTermKeys(files, profile, undefined);
    const serial = configuredSerial(files, [profile, longTerm.profile], undefined)?.serial;
    return serial ? { longTermKeyId: longTerm.keyId, serial } : undefined;
  } catch {
    return undefined; // no keys or a malformed serial: nothing can have been cached
  }
}

/**
 * Deletes the profile's cached session (a role profile's: its role session); returns its
 * access key id when there was one.
 */
export async function forgetCachedSession(
  files: AwsFiles,
  profile: string,
  deps: Deps,
  present?: ReadonlySet<string>,
): Promise<string | undefined> {
  if (isRoleProfile(files, profile)) return forgetCachedRole(files, profile, deps);
  // `present` (the names in the cache folder, for logout --all): no file, nothing to open.
  if (present?.size === 0) return undefined;
  const key = cacheKeyOf(files, profile);
  if (!key || (present && !present.has(basename(sessionCachePath(deps, key))))) return undefined;
  const cached = await readCachedSession(deps, key);
  const deleted = await deleteCachedSession(deps, key);
  return deleted ? (cached?.accessKeyId ?? "") : undefined;
}

/** Deletes every cached session; returns how many there were. */
export async function forgetAllCachedSessions(deps: CacheDeps): Promise<number> {
  const folder = sessionCacheDir(deps);
  if (!(await checkCacheFolder(deps, folder, false))) return 0;
  let names: string[];
  try {
    names = await deps.fs.readdir(folder);
  } catch {
    return 0;
  }
  let count = 0;
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    try {
      await deps.fs.unlink(join(folder, name));
      count++;
    } catch {
      // Gone already (another logout): fine.
    }
  }
  return count;
}
