/**
 * What this process has on disk while it writes (its temp files, the locks it holds), so that a
 * signal can take it all away before awsmfa exits.
 *
 * A SIGINT, SIGTERM or SIGHUP while a lock with releaseOnInterrupt is held (the MFA lock: a
 * fresh login's whole run) ends the run with a CancelledError at once, and main.ts exits: a
 * write still under way inside it (the credentials file, the session cache, waiting on an
 * fsync) would leave its lock and its temp file, the new session in it, behind. So the
 * interrupted holder calls stopWrites() first: no temp file, rename or lock is started any
 * more, the temp files are removed (before the locks: with its temp gone, no late rename can
 * replace the file after its lock is released), and each lock is released only if it is still
 * this holder's (removeLock checks the token under a claim, as every release does). The user's
 * file is then as it was, or, had its rename already happened, fully written.
 *
 * Kept per FileSystem (one per process in the product: Deps.fs), so that tests running many
 * Deps in one process do not share it.
 */
import type { FileSystem } from "../deps.ts";
import { CancelledError } from "../errors.ts";
import type { LockContext } from "./lock-file.ts";
import type { LockSeen } from "./lock-record.ts";
import { removeLock } from "./lock-remove.ts";

interface Pending {
  stopped: boolean;
  temps: Set<string>;
  locks: Map<LockContext, LockSeen>;
}

const pendingOf = new WeakMap<FileSystem, Pending>();

function pending(fs: FileSystem): Pending {
  let found = pendingOf.get(fs);
  if (!found) {
    found = { stopped: false, temps: new Set(), locks: new Map() };
    pendingOf.set(fs, found);
  }
  return found;
}

/** Throws a CancelledError once stopWrites() ran: nothing new is written after a signal. */
export function refuseIfStopped(fs: FileSystem): void {
  if (pendingOf.get(fs)?.stopped) throw new CancelledError();
}

/**
 * Notes a temp file about to be created (called just before its open, in the same step as
 * refuseIfStopped: no signal's clean-up can come between); the returned function forgets it.
 */
export function trackTemp(fs: FileSystem, path: string): () => void {
  refuseIfStopped(fs);
  const { temps } = pending(fs);
  temps.add(path);
  return () => temps.delete(path);
}

/**
 * Notes a lock just taken (refused after a signal's clean-up: its holder then releases it at
 * once); the returned function forgets it, as its holder releases it.
 */
export function trackLock(lock: LockContext, mine: LockSeen): () => void {
  refuseIfStopped(lock.fs);
  const { locks } = pending(lock.fs);
  locks.set(lock, mine);
  return () => locks.delete(lock);
}

/**
 * After a signal: refuses every later write, removes this process's temp files, then releases
 * the locks it still holds. Best effort: what cannot be removed is left to the next run
 * (temp-files.ts, lock-record.ts judge leftovers by their writer).
 */
export async function stopWrites(fs: FileSystem): Promise<void> {
  const state = pending(fs);
  state.stopped = true;
  for (const temp of [...state.temps]) await fs.rm(temp, { force: true }).catch(() => {});
  state.temps.clear();
  for (const [lock, mine] of [...state.locks]) {
    await removeLock(lock, mine, { holder: true }).catch(() => {});
  }
  state.locks.clear();
}
