/**
 * The record of a scheduled notification timer: one small file per profile in the cache
 * folder (notify/<hash>.json). A new login replaces it, logout removes it, and the timer
 * itself checks before each notification that the file still names it (its token): a timer
 * whose file is gone or names another token exits without a word.
 */

import { join } from "node:path";
import { cacheDir } from "../../config/paths.ts";
import type { Deps } from "../../deps.ts";
import { fileOptionsFrom, writeFileAtomic } from "../../fs/index.ts";
import { sha256Hex } from "../../fs/node-crypto.ts";
import { readOwnFile } from "../../fs/read-regular.ts";

export interface NotifyState {
  profile: string;
  /** The timer's process id; 0 while it is being started. */
  pid: number;
  /** Random, unique per timer; also on the timer's command line, to recognise it. */
  token: string;
  /** When the session expires, epoch seconds. */
  expires: number;
}

export type StateDeps = Pick<Deps, "env" | "homedir" | "platform" | "fs">;

export function notifyFolder(deps: StateDeps): string {
  return join(cacheDir(deps.env, deps.homedir, deps.platform), "notify");
}

export function statePath(deps: StateDeps, profile: string): string {
  const digest = sha256Hex(profile).slice(0, 32);
  return join(notifyFolder(deps), `${digest}.json`);
}

export async function readState(deps: StateDeps, path: string): Promise<NotifyState | undefined> {
  try {
    const data = JSON.parse(await readOwnFile(deps.fs, path)) as Partial<NotifyState>;
    if (typeof data.profile !== "string" || typeof data.token !== "string") return undefined;
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
  await writeFileAtomic(deps.fs, statePath(deps, state.profile), `${JSON.stringify(state)}\n`, {
    ...fileOptionsFrom(deps),
    mode: 0o600,
    dirMode: 0o700,
  });
}

export async function removeState(deps: StateDeps, path: string): Promise<void> {
  await deps.fs.rm(path, { force: true });
}

/** Every state file, for `cancelNotifications` without a profile. */
export async function allStatePaths(deps: StateDeps): Promise<string[]> {
  try {
    const names = await deps.fs.readdir(notifyFolder(deps));
    return names
      .filter((name) => name.endsWith(".json"))
      .map((name) => join(notifyFolder(deps), name));
  } catch {
    return [];
  }
}
