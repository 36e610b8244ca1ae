/**
 * Removing a lock file, by its holder (release) or by a waiter that judged it stale (break),
 * without ever removing another lock than the one meant.
 *
 * Looking at a lock and then deleting it is not enough: between the two, the lock may be
 * released and taken afresh, and the delete would remove the new holder's lock. (Moving it
 * aside first and putting back a wrong one, as awsmfa once did, leaves its name free for a
 * moment, and a third process takes it: the stress test lost updates that way.) So a remover
 * first creates a claim file named after the lock it means, `<lock>.<id>.claim`, exclusively,
 * and only then looks again and deletes. The lock it means can leave its name only through
 * a remover holding that claim, so what it sees under the claim stays there until it deletes
 * it. Claims are removed at once; one left by a killed remover is cleaned up by the next
 * holder of the lock (removeOrphanClaims).
 */
import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import type { FileSystem } from "../deps.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { lookAtLock } from "./lock-file.ts";
import { type LockSeen, sameLock } from "./lock-record.ts";

/** removed; changed: it is no longer there (nothing done); busy: another remover is at it. */
export type RemoveOutcome = "removed" | "changed" | "busy";

export async function removeLock(
  fs: FileSystem,
  lockPath: string,
  meant: LockSeen,
): Promise<RemoveOutcome> {
  const claim = claimPath(lockPath, meant);
  try {
    await (await fs.open(claim, "wx", 0o600)).close();
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return "busy";
    // Errors name the locked file: that is the one the user knows.
    throw fileError(error, lockPath.replace(/\.lock$/, ""), "lock");
  }
  try {
    const now = await lookAtLock(fs, lockPath);
    if (now === null || !sameLock(now, meant)) return "changed";
    await fs.unlink(lockPath);
    return "removed";
  } finally {
    await fs.unlink(claim).catch(() => {});
  }
}

const claimSuffix = ".claim";
const claimId = /^[0-9a-f]{16}$/;

function isClaimOf(name: string, lockName: string): boolean {
  if (!name.startsWith(`${lockName}.`) || !name.endsWith(claimSuffix)) return false;
  return claimId.test(name.slice(lockName.length + 1, -claimSuffix.length));
}

export function claimPath(lockPath: string, lock: LockSeen): string {
  // A record's text is unique (its token); a foreign text needs its file's identity too.
  const identity = lock.record ? lock.text : `${lock.ino}:${lock.mtimeMs}:${lock.text}`;
  const id = createHash("sha256").update(identity).digest("hex").slice(0, 16);
  return `${lockPath}.${id}${claimSuffix}`;
}

/**
 * Removes the claims on locks other than `mine`, which the caller holds. Safe: a claim on
 * another lock can only belong to a remover that is dead, or that will find its lock gone
 * and do nothing. Best effort.
 */
export async function removeOrphanClaims(
  fs: FileSystem,
  lockPath: string,
  mine: LockSeen,
): Promise<void> {
  const folder = dirname(lockPath);
  const keep = basename(claimPath(lockPath, mine));
  const names = await fs.readdir(folder).catch(() => []);
  for (const name of names) {
    if (name === keep || !isClaimOf(name, basename(lockPath))) continue;
    await fs.unlink(join(folder, name)).catch(() => {});
  }
}
