/**
 * The record of a scheduled notification timer: one small file per profile in the cache
 * folder (notify/<hash>.json). A new login replaces it, logout removes it, and the timer
 * itself checks before each notification that the file still names it (its token): a timer
 * whose file is gone or names another token exits without a word.
 */

import { join } from "node:path";
import { writeCacheFile } from "../../config/cache-file-write.ts";
import { checkCacheFolder, readCacheFile } from "../../config/cache-folder.ts";
import { cacheDir } from "../../config/paths.ts";
import type { Deps } from "../../deps.ts";
import { sha256Hex } from "../../system/hashes.ts";

export interface NotifyState {
  profile: string;
  /** The timer's process id; 0 while it is being started. */
  pid: number;
  /** Random, unique per timer; also on the timer's command line, to recognise it. */
  token: string;
  /** When the session expires, epoch seconds. */
  expires: number;
}

export type StateDeps = Pick<Deps, "env" | "homedir" | "platform" | "fs" | "uid" | "gid">;

/** A timer's token: 16 random bytes in hex. Anything else (empty, short) recognises nothing. */
export const TOKEN = /^[0-9a-f]{32}$/;

type WhereDeps = Pick<Deps, "env" | "homedir" | "platform">;

export function notifyFolder(deps: WhereDeps): string {
  return join(cacheDir(deps.env, deps.homedir, deps.platform), "notify");
}

export function statePath(deps: WhereDeps, profile: string): string {
  const digest = sha256Hex(profile).slice(0, 32);
  return join(notifyFolder(deps), `${digest}.json`);
}

/**
 * The record at `path`, or undefined when there is none to trust: missing, damaged, not a
 * regular file of this user (config/cache-folder.ts), or with a token that is not a timer's.
 */
export async function readState(deps: StateDeps, path: string): Promise<NotifyState | undefined> {
  const text = await readCacheFile(deps, path);
  try {
    const data = JSON.parse(text) as Partial<NotifyState>;
    if (typeof data.profile !== "string" || typeof data.token !== "string") return undefined;
    if (!TOKEN.test(data.token) || !Number.isSafeInteger(data.pid)) return undefined;
    if (typeof data.pid !== "number" || typeof data.expires !== "number") return undefined;
    return { profile: data.profile, pid: data.pid, token: data.token, expires: data.expires };
  } catch {
    return undefined;
  }
}

export async function writeState(
  deps: StateDeps & Pick<Deps, "clock" | "processes" | "hooks">,
  state: NotifyState,
): Promise<void> {
  await writeCacheFile(deps, statePath(deps, state.profile), `${JSON.stringify(state)}\n`);
}

export async function removeState(deps: StateDeps, path: string): Promise<void> {
  await deps.fs.rm(path, { force: true });
}

/** Every state file, for `cancelNotifications` without a profile. */
export async function allStatePaths(deps: StateDeps): Promise<string[]> {
  if (!(await checkCacheFolder(deps, notifyFolder(deps), false))) return [];
  try {
    const names = await deps.fs.readdir(notifyFolder(deps));
    return names
      .filter((name) => name.endsWith(".json"))
      .map((name) => join(notifyFolder(deps), name));
  } catch {
    return [];
  }
}
