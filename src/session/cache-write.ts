/**
 * Writing and deleting session cache records (cache.ts reads them): kept apart so that the
 * cached path, which only reads, loads none of the atomic-write and lock code.
 */
import { dirname } from "node:path";
import type { SessionCredentials } from "../aws/credentials.ts";
import { maskKeyId } from "../aws/credentials.ts";
import { writeCacheFile } from "../config/cache-file-write.ts";
import { checkCacheFolder } from "../config/cache-folder.ts";
import type { Deps } from "../deps.ts";
import { type CacheDeps, type CacheFile, type SessionKey, sessionCachePath } from "./cache.ts";
import { SESSION_CACHE_FORMAT } from "./cache-record.ts";

/**
 * Deletes a cache record, if its folder passes the cache-folder check; false when there was
 * none. Shared with the role cache.
 */
export async function deleteCacheRecord(deps: CacheDeps, path: string): Promise<boolean> {
  if (!(await checkCacheFolder(deps, dirname(path), false))) return false;
  try {
    await deps.fs.unlink(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `underItsLock`: the caller holds the MFA lock of this file (writeCacheFile). `path`: the
 * file's path as the caller worked it out for that lock (sessionCachePath hashes the key: in
 * the interpreter, where a login's run-once code stays, ~0.1-0.2 ms a time).
 */
export async function writeCachedSession(
  deps: CacheDeps & Pick<Deps, "clock" | "processes" | "hooks">,
  key: SessionKey,
  session: SessionCredentials,
  underItsLock = false,
  path = sessionCachePath(deps, key),
): Promise<void> {
  const data: CacheFile = {
    format: SESSION_CACHE_FORMAT,
    accessKeyId: session.accessKeyId,
    secretAccessKey: session.secretAccessKey,
    sessionToken: session.sessionToken,
    expiration: session.expiration.toISOString(),
    serial: key.serial,
    longTermKey: maskKeyId(key.longTermKeyId),
    createdAt: new Date(deps.clock.now()).toISOString(),
    ...(session.clock ? { clock: session.clock } : {}),
  };
  const text = `${JSON.stringify(data, null, 2)}\n`;
  await writeCacheFile(deps, path, text, underItsLock);
}

export function deleteCachedSession(deps: CacheDeps, key: SessionKey): Promise<boolean> {
  return deleteCacheRecord(deps, sessionCachePath(deps, key));
}
