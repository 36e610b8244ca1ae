/**
 * Serialises writers of one file across processes with a lock file next to it,
 * `<target>.lock`, created exclusively and holding the holder's pid, host and start time.
 * Waiters retry with a short backoff; a lock whose holder is gone is broken. The lock is for
 * short critical sections (read, edit, write): it is not re-entrant, and one held longer
 * than staleMs may be taken over.
 */
import type { FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { Clock, FileSystem } from "../deps.ts";
import { UserError } from "../errors.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { ensureFolder } from "./folder.ts";
import { breakLock } from "./lock-break.ts";
import {
  describeHolder,
  formatLockRecord,
  isStale,
  type LockRecord,
  type LockSeen,
  newLockRecord,
  parseLockRecord,
} from "./lock-record.ts";
import { type Identity, identityOf, type ProcessOptions, realClock } from "./options.ts";
import { resolveWriteTarget } from "./resolve-target.ts";

export interface LockOptions extends ProcessOptions {
  /** Give up waiting after this long (default 10 s). */
  timeoutMs?: number;
  /** Break a lock older than this whoever holds it (default 30 s). */
  staleMs?: number;
  clock?: Clock;
  /** Mode of folders created for the lock file (default 0700). */
  dirMode?: number;
}

export const defaultTimeoutMs = 10_000;
export const defaultStaleMs = 30_000;

/**
 * Runs `fn` while holding the lock of `path`. Symbolic links are followed first, so every
 * name of one file shares one lock. The lock is released however `fn` ends.
 */
export async function withFileLock<T>(
  fs: FileSystem,
  path: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { target } = await resolveWriteTarget(fs, path);
  await ensureFolder(fs, dirname(target), options.dirMode ?? 0o700);
  const lockPath = `${target}.lock`;
  const mine = await acquire(fs, target, options);
  try {
    return await fn();
  } finally {
    await release(fs, lockPath, mine);
  }
}

async function acquire(fs: FileSystem, target: string, options: LockOptions) {
  const lockPath = `${target}.lock`;
  const me = identityOf(options);
  const clock = options.clock ?? realClock;
  const deadline = clock.now() + (options.timeoutMs ?? defaultTimeoutMs);
  const staleMs = options.staleMs ?? defaultStaleMs;
  let delay = 5;
  for (;;) {
    const record = newLockRecord(me, clock.now());
    if (await tryCreate(fs, target, record)) return record;
    const seen = await look(fs, lockPath);
    if (seen === null) continue; // Released while we looked: try again at once.
    if (isStale(seen, me, clock.now(), staleMs)) {
      await breakLock(fs, lockPath, seen);
      continue;
    }
    if (clock.now() >= deadline) throw timedOut(lockPath, seen, me, options);
    // Jitter keeps waiters that started together from retrying in lockstep.
    await clock.sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
}

/** Errors name the target: that is the file the user knows and may have to fix. */
async function tryCreate(fs: FileSystem, target: string, record: LockRecord) {
  const lockPath = `${target}.lock`;
  let handle: FileHandle;
  try {
    handle = await fs.open(lockPath, "wx", 0o600);
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return false;
    throw fileError(error, target, "lock");
  }
  try {
    await handle.writeFile(formatLockRecord(record), "utf8");
    await handle.close();
    return true;
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(lockPath, { force: true }).catch(() => {});
    throw fileError(error, target, "lock");
  }
}

export type LockLook = LockSeen & { text: string; ino: number };

/** The lock file as it is now, or null when there is none. */
async function look(fs: FileSystem, lockPath: string): Promise<LockLook | null> {
  let handle: FileHandle | undefined;
  try {
    // Status and text through one handle, so both describe the same file.
    handle = await fs.open(lockPath, "r");
    const stats = await handle.stat();
    const text = await handle.readFile("utf8");
    return { record: parseLockRecord(text), mtimeMs: stats.mtimeMs, text, ino: stats.ino };
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return null;
    throw fileError(error, lockPath, "read");
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Removes the lock only if it is still ours: it may have been broken and taken by another. */
async function release(fs: FileSystem, lockPath: string, mine: LockRecord): Promise<void> {
  try {
    const now = parseLockRecord(await fs.readFile(lockPath, "utf8"));
    if (now?.token === mine.token) await fs.unlink(lockPath);
  } catch {
    // Already gone, or unreadable: a later waiter will judge it by its age.
  }
}

function timedOut(lockPath: string, seen: LockSeen, me: Identity, options: LockOptions) {
  const seconds = (options.timeoutMs ?? defaultTimeoutMs) / 1000;
  return new UserError(
    `Timed out after ${seconds} s waiting for the lock file ${lockPath}, ` +
      `held by ${describeHolder(seen.record, me)}.`,
    {
      hint:
        "Another awsmfa is probably updating the same file: let it finish and try again. " +
        `If no awsmfa is running, delete ${lockPath}.`,
    },
  );
}
