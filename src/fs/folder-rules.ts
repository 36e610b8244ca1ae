/**
 * The rules for awsmfa's private folders (the why is private-folder.ts's): what a folder above
 * may be, and what awsmfa's own folder and the levels inside it must be. Pure, so that the
 * cached fast path (commands/fast/lean-cache.ts) judges with the same rules as the walk.
 */
import type { Stats } from "node:fs";

/** What the rules read of a folder's status (the lean tier's libc calls give this much). */
type FolderStats = Pick<Stats, "isSymbolicLink" | "isDirectory" | "uid" | "gid" | "mode">;

import type { User } from "./owner.ts";

/** Where the problem is: above the folder, the folder itself, or a level awsmfa uses inside. */
export type FolderPlace = "above" | "folder" | "inside";

export interface FolderProblem {
  path: string;
  place: FolderPlace;
  /** owner: someone else's; writable: others may write it; link: a link of someone else's,
   * or any link inside; not-folder: a file where a folder should be; loop: too many links. */
  what: "owner" | "writable" | "link" | "not-folder" | "loop";
  uid?: number;
  mode?: number;
}

const STICKY = 0o1000;

/** The folder awsmfa keeps its own files in: a real folder, ours, writable by nobody else. */
export function judgeOwn(
  stats: FolderStats,
  path: string,
  place: FolderPlace,
  user: User,
): FolderProblem | undefined {
  if (stats.isSymbolicLink()) return { path, place, what: "link", uid: stats.uid };
  if (!stats.isDirectory()) return { path, place, what: "not-folder" };
  if (stats.uid !== user.uid) return { path, place, what: "owner", uid: stats.uid };
  if ((stats.mode & 0o022) !== 0) return { path, place, what: "writable", mode: stats.mode };
  return undefined;
}

/** A folder above: root's or ours, and nobody else may rename what is in it. */
export function judgeAbove(
  stats: FolderStats,
  path: string,
  user: User,
): FolderProblem | undefined {
  if (stats.uid !== user.uid && stats.uid !== 0) {
    return { path, place: "above", what: "owner", uid: stats.uid };
  }
  if ((stats.mode & STICKY) !== 0) return undefined;
  const ownGroup = stats.uid === user.uid && stats.gid === user.gid;
  if ((stats.mode & 0o002) !== 0 || ((stats.mode & 0o020) !== 0 && !ownGroup)) {
    return { path, place: "above", what: "writable", mode: stats.mode };
  }
  return undefined;
}
