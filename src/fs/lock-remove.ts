/**
 * Removing a lock file, by its holder (release) or by a waiter that judged it stale (break),
 * without ever removing another lock than the one meant.
 *
 * Looking at a lock and then deleting it is not enough: between the two, the lock may be
 * released and taken afresh, and the delete would remove the new holder's lock. (Moving it
 * aside first and putting back a wrong one, as awsmfa once did, leaves its name free for a
 * moment, and a third process takes it: the stress test lost updates that way.) So a remover
 * first claims the lock it means, with a claim file named after it, `<lock>.<id>-<n>.claim`,
 * created exclusively and holding the remover's own record; only then does it look again
 * and delete. The lock it means can leave its name only through a remover holding a claim
 * on it, so what it sees under its claim stays there until it deletes it.
 *
 * A remover killed while holding its claim must not block that lock for ever: a claim whose
 * remover has certainly gone (a process on this host that no longer exists) is passed over
 * for the next number n. Each number is created exclusively and taken only when every lower
 * one belongs to a remover that has gone, so no two live removers hold claims on one lock.
 * (A claim from another host is never passed over, however old: its remover may be slow.)
 * Claims passed over are deleted with the lock; any other is removed by the lock's next
 * holder.
 */

import { basename, dirname, join } from "node:path";
import { sha256Hex } from "../system/hashes.ts";
import { errnoOf } from "./file-errors.ts";
import { createWithText, type LockContext, lookAt } from "./lock-file.ts";
import {
  formatLockRecord,
  holderIsGone,
  type LockSeen,
  newLockRecord,
  sameLock,
} from "./lock-record.ts";
import { removeStaleTempsAmong } from "./temp-files.ts";

/** removed; changed: it is no longer there (nothing done); busy: another remover is at it. */
export type RemoveOutcome = "removed" | "changed" | "busy";

export async function removeLock(
  lock: LockContext,
  meant: LockSeen,
  options: { holder?: boolean } = {},
): Promise<RemoveOutcome> {
  const { fs, lockPath } = lock;
  // The holder claims its own lock with a hard link to it (below): no new file to create, the
  // most a file system is asked to do in a release (0.1-0.5 ms each). Anything unusual (a
  // claim already there, no hard links here, the lock not ours any more) takes the general way.
  const linked = options.holder ? await linkClaim(lock, meant) : null;
  const claim =
    linked ??
    (await takeClaim(lock, meant).catch(async (error: unknown) => {
      if (!options.holder || !isNoSpace(error)) throw error;
      return await linkClaim(lock, meant);
    }));
  if (claim === null) return "busy";
  try {
    // A claim linked to the lock and found to hold its very text was linked to this lock: no
    // need to look at it again (the look below is for claims of a text of their own).
    if (claim !== linked) {
      const now = await lookAt(fs, lockPath);
      if (now === null || !sameLock(now, meant)) return "changed";
    }
    await fs.unlink(lockPath);
    // That lock is gone for good: the claims on it that were passed over are rubbish now.
    for (const orphan of claim.passedOver) await fs.unlink(orphan).catch(() => {});
    return "removed";
  } finally {
    await fs.unlink(claim.path).catch(() => {});
  }
}

/** Gives up (busy) after this many numbers: each one passed over is a remover killed. */
const maxClaims = 20;

async function takeClaim(lock: LockContext, meant: LockSeen) {
  const { fs, me, clock } = lock;
  const text = formatLockRecord(newLockRecord(me, clock.now()));
  const passedOver: string[] = [];
  let n = 0;
  for (let tries = 0; n < maxClaims && tries < 2 * maxClaims; tries++) {
    const path = claimPath(lock.lockPath, meant, n);
    if (await createWithText(lock, path, text)) return { path, passedOver };
    const claimer = await lookAt(fs, path);
    if (claimer === null) continue; // Its remover finished meanwhile: try that number again.
    // Over NFS a link that worked may report EEXIST: then this claim is ours.
    if (claimer.text === text) return { path, passedOver };
    // Only a remover certainly gone is passed over: one on another host may just be slow.
    if (holderIsGone(claimer.record, me) !== true) return null;
    passedOver.push(path);
    n++;
  }
  return null;
}

/**
 * The holder's claim on its own lock: a hard link to the lock itself, which creates no file
 * (and needs no free space: it is also the way on a full disk). Its text is then the lock's,
 * i.e. the holder's own record, so it means to other removers what a claim of its own text
 * would mean (only the pid and host of a claim are judged). Only for the holder: a breaker's
 * claim must carry the breaker's record, not the gone one's. Once it is found to hold the
 * lock's text (a token no other lock has), the lock is known to be the one meant, and stays
 * so until this holder removes it: it leaves its name only through a remover with a claim on
 * it, and the first claim is this one, which is passed over only when its holder (this
 * process) is gone.
 */
async function linkClaim(lock: LockContext, meant: LockSeen) {
  const path = claimPath(lock.lockPath, meant, 0);
  let made = true;
  try {
    await lock.fs.link(lock.lockPath, path);
  } catch (error) {
    // Taken by a remover (busy), the lock gone, no hard links here: nothing claimed. But over
    // NFS a link that worked may report EEXIST (its reply was lost, the call resent).
    if (errnoOf(error) !== "EEXIST") return null;
    made = false;
  }
  // What got linked is whatever held the name: the release goes on only if it was ours. A
  // claim with our lock's very text (its token is unique) can only be this link.
  if ((await lookAt(lock.fs, path).catch(() => null))?.text !== meant.text) {
    if (made) await lock.fs.unlink(path).catch(() => {});
    return null;
  }
  return { path, passedOver: [] as string[] };
}

function isNoSpace(error: unknown): boolean {
  // createWithText throws the UserError of fileError, with the system's error as its cause.
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  return ["ENOSPC", "EDQUOT"].includes(errnoOf(cause) ?? "");
}

export function claimPath(lockPath: string, lock: LockSeen, n = 0): string {
  // A record's text is unique (its token); a foreign text needs its file's identity too.
  const identity = lock.record ? lock.text : `${lock.ino}:${lock.mtimeMs}:${lock.text}`;
  const id = sha256Hex(identity).slice(0, 16);
  return `${lockPath}.${id}-${n}.claim`;
}

/**
 * What killed processes left next to the file, found in one listing of its folder: claims on
 * other locks (below), and the file's own temp files (temp-files.ts), so that the
 * writes made under this lock need not list the folder again (WriteOptions.tempsTidied).
 */
export async function tidyFolder(lock: LockContext, mine: LockSeen): Promise<void> {
  const names = await lock.fs.readdir(dirname(lock.target)).catch(() => [] as string[]);
  await removeOrphanClaims(lock, mine, names);
  await removeStaleTempsAmong(lock.fs, lock.target, lock.me, lock.clock.now(), names);
}

/**
 * Removes the claims on locks other than `mine`, which the caller holds, among `names` (the
 * lock's folder, listed by the caller). Safe: a claim on another lock can only belong to a
 * remover that is dead, or that will find its lock gone and do nothing. Best effort.
 */
async function removeOrphanClaims(
  lock: LockContext,
  mine: LockSeen,
  names: readonly string[],
): Promise<void> {
  const { fs, lockPath } = lock;
  const folder = dirname(lockPath);
  const ours = `${basename(claimPath(lockPath, mine)).slice(0, -"0.claim".length)}`;
  for (const name of names) {
    if (name.startsWith(ours) || !isClaimOf(name, basename(lockPath))) continue;
    await fs.unlink(join(folder, name)).catch(() => {});
  }
}

/**
 * `name` is `<lockName>.<16 hex>-<n>.claim`, as /^\.[0-9a-f]{16}-\d+\.claim$/ reads what
 * follows the lock's name, in a loop: the lock's tidy asks it of every name in the folder, and
 * an expression compiled costs a login ~0.03 ms (tests/fs/lock-remove.test.ts keeps it as the
 * oracle).
 */
export function isClaimOf(name: string, lockName: string): boolean {
  if (!name.startsWith(lockName) || !name.endsWith(".claim")) return false;
  const end = name.length - ".claim".length;
  let i = lockName.length;
  if (name.charCodeAt(i) !== 0x2e) return false; // "."
  const hexEnd = i + 17;
  for (i++; i < hexEnd; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  if (name.charCodeAt(i) !== 0x2d || i + 1 >= end) return false; // "-", then digits
  for (i++; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
