/**
 * Who "this user" is for the ownership rules of awsmfa's own folders and files: the user and
 * group ids of this process (root included: root's files are the ones root made).
 * Undefined on Windows, where files have no owner ids of this kind and ACLs decide.
 */
import type { Stats } from "node:fs";
import type { Deps } from "../deps.ts";

export interface User {
  uid: number;
  gid: number;
}

export function currentUser(deps: Pick<Deps, "platform" | "uid" | "gid">): User | undefined {
  if (deps.platform === "win32") return undefined;
  const { uid, gid } = deps;
  if (uid !== undefined) return { uid, gid: gid ?? -1 };
  // Hand-built Deps in tests: the real ids (geteuid/getegid behind libuv's passwd lookup).
  // node:os is required here, not imported: the cached fast path uses notOwnFile below and
  // must not load it (~0.3 ms).
  const info = (require("node:os") as typeof import("node:os")).userInfo();
  return info.uid < 0 ? undefined : { uid: info.uid, gid: info.gid };
}

/**
 * Why a file in awsmfa's own folder is not ours to trust, or undefined when it is: another
 * user's file, or one others may write, may hold what they planted.
 */
export function notOwnFile(stats: Pick<Stats, "uid" | "mode">, user: User | undefined) {
  if (user === undefined) return undefined;
  if (stats.uid !== user.uid) return `it belongs to another user (uid ${stats.uid})`;
  if ((stats.mode & 0o022) !== 0) return "other users may write it";
  return undefined;
}
