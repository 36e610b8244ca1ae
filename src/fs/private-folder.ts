/**
 * Folders only this user may change: awsmfa's cache (sessions, locks, notify records). Whoever
 * can write such a folder can plant a session there (its keys would be handed out as ours),
 * put a link where awsmfa is about to write a secret, or plant a record that makes logout
 * signal a process. So before awsmfa reads or writes there, it walks the path:
 *
 * - every folder above it must belong to this user or to root, and no one else may write it,
 *   except a sticky folder such as /tmp (there nobody can rename or remove another's entry);
 *   a group-writable folder of this user and their own group passes (user private groups);
 * - every symbolic link on the way must belong to this user or root (its owner could repoint it);
 * - the folder itself, and each level awsmfa uses below it, must be this user's, a real folder,
 *   and writable by nobody else (awsmfa makes them 0700).
 *
 * What is found is returned, not phrased: the caller knows which setting chose the folder.
 * Windows has no owners or modes of this kind (ACLs decide): nothing is checked there.
 */
import type { Stats } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { FileSystem } from "../deps.ts";
import type { FolderMemo } from "./checked-folders.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { type FolderProblem, judgeAbove, judgeOwn } from "./folder-rules.ts";
import type { User } from "./owner.ts";

export type FolderCheck = { ok: true; path: string } | { ok: false; problem: FolderProblem };

const maxLinks = 40;

/**
 * Checks `root` and the folders `inside` below it (in order: ["notify"] is root/notify).
 * With `create`, missing ones are made (0700); without, a missing one gives null (nothing
 * there to read). Returns the checked path of the last level, under its real name.
 */
export async function checkPrivateFolder(
  fs: FileSystem,
  root: string,
  inside: readonly string[],
  options: { user: User | undefined; create: boolean; checked?: FolderMemo | undefined },
): Promise<FolderCheck | null> {
  const { user, create, checked } = options;
  if (user === undefined) {
    const path = join(root, ...inside);
    if (create) await makeFolder(fs, path, true);
    return { ok: true, path };
  }
  // A relative setting is relative to the working folder, as every other path awsmfa reads.
  const absolute = isAbsolute(root) ? root : join(await fs.realpath("."), root);
  let key = `${user.uid}:${user.gid}:${absolute}`;
  let path = checked?.get(key);
  // Where passes are kept: nowhere when a group may write a folder above (see walk).
  let memo = checked;
  if (path === undefined) {
    // Judged before anything is made: nothing is created inside a folder that is refused.
    let walked = await walk(fs, absolute, user);
    if (walked === null && create) {
      await makeFolder(fs, absolute, true);
      walked = await walk(fs, absolute, user);
    }
    if (walked === null || !walked.ok) return walked;
    const rootProblem = judgeOwn(walked.stats, walked.path, "folder", user);
    if (rootProblem) return { ok: false, problem: rootProblem };
    path = walked.path;
    if (walked.groupMayWrite) memo = undefined;
    memo?.set(key, path);
  }
  for (const name of inside) {
    key = `${key}/${name}`;
    const known = memo?.get(key);
    if (known !== undefined) {
      path = known;
      continue;
    }
    path = join(path, name);
    let stats = await lstatOrNull(fs, path);
    if (stats === null && create) {
      await makeFolder(fs, path, false);
      stats = await lstatOrNull(fs, path);
    }
    if (stats === null) return null;
    const problem = judgeOwn(stats, path, "inside", user);
    if (problem) return { ok: false, problem };
    memo?.set(key, path);
  }
  return { ok: true, path };
}

/**
 * Resolves `path` one name at a time, as the kernel would, judging each folder on the way
 * and each link's owner. Its last folder is returned unjudged (the caller judges it as its own).
 * groupMayWrite: a folder on the way passed as group-writable (this user's own group, not
 * sticky). Its group may hold other users, who can rename what is in it: what this walk found
 * can be swapped a moment later, so no pass of it is kept (Deps.folderChecks).
 */
async function walk(
  fs: FileSystem,
  path: string,
  user: User,
): Promise<
  | { ok: true; path: string; stats: Stats; groupMayWrite: boolean }
  | { ok: false; problem: FolderProblem }
  | null
> {
  let pending = names(path);
  let current = "/";
  let stats = await fs.lstat(current);
  let links = 0;
  let groupMayWrite = false;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === ".") continue;
    const problem = judgeAbove(stats, current, user);
    if (problem) return { ok: false, problem };
    if ((stats.mode & 0o1020) === 0o020) groupMayWrite = true;
    const next = name === ".." ? join(current, "..") : join(current, name);
    const seen = await lstatOrNull(fs, next);
    if (seen === null) return null;
    if (seen.isSymbolicLink()) {
      if (seen.uid !== user.uid && seen.uid !== 0) {
        return { ok: false, problem: { path: next, place: "above", what: "link", uid: seen.uid } };
      }
      if (++links > maxLinks) {
        return { ok: false, problem: { path, place: "folder", what: "loop" } };
      }
      const target = await fs.readlink(next);
      pending = [...names(target), ...pending];
      if (isAbsolute(target)) {
        current = "/";
        stats = await fs.lstat(current);
      }
      continue;
    }
    if (!seen.isDirectory()) {
      const place = pending.length === 0 ? "folder" : "above";
      return { ok: false, problem: { path: next, place, what: "not-folder" } };
    }
    current = next;
    stats = seen;
  }
  return { ok: true, path: current, stats, groupMayWrite };
}

/** mkdir 0700; a name taken meanwhile is judged by the caller, a refusal explained. */
async function makeFolder(fs: FileSystem, path: string, parents: boolean): Promise<void> {
  try {
    await fs.mkdir(path, { recursive: parents, mode: 0o700 });
  } catch (error) {
    if (errnoOf(error) !== "EEXIST") throw fileError(error, path, "create-folder");
  }
}

function names(path: string): string[] {
  return path.split("/").filter((name) => name !== "");
}

async function lstatOrNull(fs: FileSystem, path: string): Promise<Stats | null> {
  try {
    return await fs.lstat(path);
  } catch (error) {
    const code = errnoOf(error);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    // ENAMETOOLONG, EACCES, ELOOP...: the user's path, said as such (issue 11 item 12).
    throw fileError(error, path, "read");
  }
}
