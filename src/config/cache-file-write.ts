/**
 * Writing a file of awsmfa's cache folder (cache-folder.ts checks and reads it): apart, so
 * that the cached path, which only reads, loads none of the atomic-write code.
 */

import { dirname } from "node:path";
import type { Deps } from "../deps.ts";
import { unflushedFileOptionsFrom, writeFileAtomic } from "../fs/index.ts";
import { type CacheFolderDeps, checkCacheFolder } from "./cache-folder.ts";

/**
 * How every file of the cache folder is written: 0600 in 0700 folders, never through a link at
 * its name (private: the link itself is replaced), and not flushed: a cache lost to a power cut
 * costs one new session or code window, not worth two fsyncs per login.
 */
export const CACHE_FILE_OPTIONS = {
  mode: 0o600,
  dirMode: 0o700,
  private: true,
  durable: false,
} as const;

/**
 * Writes a file of the cache folder (checked first, levels made 0700 when missing): 0600,
 * atomic, and never through a link at its name (private: the link itself is replaced).
 * `underItsLock`: the caller holds `path`'s lock (withFileLock), which tidied its temp files.
 */
export async function writeCacheFile(
  deps: CacheFolderDeps & Pick<Deps, "clock" | "processes" | "hooks">,
  path: string,
  text: string,
  underItsLock = false,
): Promise<void> {
  await checkCacheFolder(deps, dirname(path), true);
  await writeFileAtomic(deps.fs, path, text, {
    ...unflushedFileOptionsFrom(deps),
    ...CACHE_FILE_OPTIONS,
    tempsTidied: underItsLock,
  });
}
