/**
 * Serialises writers of one file across processes with a lock file next to it,
 * `<target>.lock`, created exclusively and holding the holder's pid, host and start time.
 * Waiters retry with a short backoff. A lock whose holder is gone is broken; one whose holder
 * cannot be checked (another host) is broken after staleMs (lock-record.ts says which). The
 * lock is for short critical sections (read, edit, write); it is not re-entrant.
 */
import { constants } from "node:fs";
import { platform } from "node:os";
import { dirname } from "node:path";
import type { Clock, FileSystem } from "../deps.ts";
import { CancelledError, cancelledBy, type InterruptSignal, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { refuseIfStopped, stopWrites, trackLock } from "./exit-cleanup.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { ensureFolder } from "./folder.ts";
import { createWithText, type LockContext, lookAt } from "./lock-file.ts";
import {
  describeHolder,
  formatLockRecord,
  HOLD_MARGIN_MS,
  isStale,
  type LockSeen,
  newLockRecord,
} from "./lock-record.ts";
import { removeLock, tidyFolder } from "./lock-remove.ts";
import { identityOf, type ProcessOptions, realClock } from "./options.ts";
import { resolveWriteTarget } from "./resolve-target.ts";

export interface LockOptions extends ProcessOptions {
  /** Give up waiting after this long (default 10 s), or as maxWaitMs lets a holder say. */
  timeoutMs?: number;
  /**
   * The holder's side: the longest it may hold the lock (the deadlines of what it does under
   * it, added up), written in the lock as `until` for the waiters.
   */
  holdForMs?: number;
  /**
   * The waiter's side: a holder's `until` (plus HOLD_MARGIN_MS) is waited for, past timeoutMs,
   * up to this long after the wait began. Default: timeoutMs (a holder's word is not followed).
   */
  maxWaitMs?: number;
  /** Break a lock older than this whose holder cannot be checked (default 30 s). */
  staleMs?: number;
  clock?: Clock;
  /** Mode of folders created for the lock file (default 0700). */
  dirMode?: number;
  /** The system's rules for busy files (default: this one's); tests set "win32". */
  platform?: NodeJS.Platform;
  /**
   * Deps.onInterrupt: a Ctrl-C (or SIGTERM, SIGHUP) while waiting ends the wait with a
   * CancelledError (exit 128 + the signal's number: 130, 143, 129), releasing a lock the last attempt took, instead of killing the
   * process with the locks it holds further up (the MFA lock) and any claim file left behind.
   * Listened for from before the lock is created until it is removed: the wait's listener
   * stays on until the hold's (releaseOnInterrupt) or the write guard's (trackLock) is on.
   */
  onInterrupt?: ((handler: (signal: InterruptSignal) => void) => () => void) | undefined;
  /** A file in awsmfa's own folder: its lock sits next to the name, no link is followed. */
  private?: boolean;
  /**
   * With onInterrupt: a signal while the lock is held (not only while waiting for it) ends
   * the hold with a CancelledError, so the lock is released before the process exits. For
   * locks whose holder does slow work with nothing to lose (the MFA lock: a code, an AWS
   * call); not for a file write, which must not outlive its lock.
   */
  releaseOnInterrupt?: boolean;
  /**
   * Called once, when a look finds the lock held by a holder that may still be alive (not one
   * gone, whose lock is broken at once): the wait begins. The MFA lock says so to a person.
   */
  onWait?: () => void;
  /** HeldLock.tidy is left to the holder, to do while it waits for something else. */
  tidyLater?: boolean;
}

export const defaultTimeoutMs = 10_000;
export const defaultStaleMs = 30_000;

/** What the code holding a lock can ask of it. */
export interface HeldLock {
  /**
   * Throws a UserError unless the lock is still this holder's. Called just before a write
   * takes effect, it turns a lock lost to a waiter (held past staleMs by a holder nobody could
   * check) into an error instead of a lost update.
   */
  confirm(): Promise<void>;
  /**
   * Removes what killed processes left next to the file (tidyFolder), at most once. Done when
   * the lock is taken, or with LockOptions.tidyLater whenever the holder calls this (a holder
   * with a wait to fill: the MFA lock, while AWS answers), else once `fn` ends, whether it
   * returns or throws. Never once the lock is released or found taken by another (confirm).
   */
  tidy(): Promise<void>;
}

/**
 * Runs `fn` while holding the lock of `path`. Symbolic links are followed first, so every
 * name of one file shares one lock. The lock is released however `fn` ends.
 */
export function withFileLock<T>(
  fs: FileSystem,
  path: string,
  fn: (held: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  return withHeldLock(fs, path, fn, options);
}

/** withFileLock, giving `fn` the lock to confirm before it writes. */
export async function withHeldLock<T>(
  fs: FileSystem,
  path: string,
  fn: (held: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { target } = options.private ? { target: path } : await resolveWriteTarget(fs, path);
  await ensureFolder(fs, dirname(target), options.dirMode ?? 0o700);
  const lock: LockContext = {
    fs,
    target,
    lockPath: `${target}.lock`,
    me: identityOf(options),
    clock: options.clock ?? realClock,
    staleMs: options.staleMs ?? defaultStaleMs,
    maxHoldMs: options.maxWaitMs ?? 0,
  };
  // The wait's signal listener is still on: it goes only once the hold's own listener and the
  // write guard (trackLock) are on, so that no moment between the lock's creation and its
  // removal is left to a signal's default action (which killed awsmfa with its lock left).
  const taken = await acquire(lock, options);
  const mine = taken.seen;
  let stopWaiting = taken.off;
  const held = options.releaseOnInterrupt ? interruptible(options) : undefined;
  let forget = () => {};
  let tidying: Promise<void> | undefined;
  // Never once the lock is let go: the claims it removes are safe to remove only for a holder
  // (lock-remove.ts removeOrphanClaims). Once the name is free, the next lock there is another
  // process's, and a claim on it may be the one thing that keeps a second waiter from
  // breaking it under a first one's hands.
  let letGo = false;
  // Nor once confirm() found the lock another's: the claims there may be the new holder's.
  let lost = false;
  const tidy = () => {
    if (letGo || lost) return Promise.resolve();
    tidying ??= tidyFolder(lock, mine).catch(() => {}); // best effort
    return tidying;
  };
  let released: Promise<void> | undefined;
  // This hold's one release, by `fn`'s end or by a signal's clean-up (exit-cleanup.ts),
  // whichever comes first: no tidy begins once it is asked for, and one begun is finished
  // while the lock is still held.
  const release = () => {
    letGo = true;
    released ??= (async () => {
      await tidying;
      // Gone already or unremovable: a later waiter will judge it by its holder.
      await removeLock(lock, mine, { holder: true }).catch(() => {});
    })();
    return released;
  };
  let result: T;
  try {
    // Released by a signal's clean-up if `fn` is still at work then; refused after one.
    forget = trackLock(fs, release);
    stopWaiting();
    stopWaiting = () => {};
    // A signal the wait's listener took after the lock was taken: given back, the run cancelled.
    const late = taken.signalled();
    if (late) throw cancelledBy(late);
    if (!options.tidyLater) await tidy();
    const confirm = () =>
      confirmHeld(lock, mine).catch((error: unknown) => {
        lost = true;
        throw error;
      });
    // However `fn` ends, a failure too (an edit refused, a code source that gave up): the
    // leftovers of killed processes (a temp file may hold session keys) are not kept for as
    // long as every holder fails before its own tidy.
    const work = fn({ confirm, tidy }).finally(tidy);
    if (!held) {
      result = await work;
    } else {
      // The run ends now, `work` or not: what it has on disk goes first (exit-cleanup.ts).
      const stopped = held.interrupted.catch(async (error: unknown) => {
        await stopWrites(fs, (error as CancelledError).signal);
        throw error;
      });
      result = await Promise.race([work, stopped]);
    }
  } finally {
    // Tracked and listened for until the lock is gone: a signal without a listener kills the
    // process, and one during the release (the claim, the unlink) left the lock and its claim
    // behind. Now the clean-up takes it, and shares this release.
    await release();
    stopWaiting();
    forget();
    held?.off();
  }
  // A signal that came while the lock was let go: the run ends as the signal asks.
  const signal = held?.signalled();
  if (signal) throw cancelledBy(signal);
  return result;
}

/**
 * A promise that rejects with a CancelledError at the first SIGINT, SIGTERM or SIGHUP (left
 * to the default, they killed the holder with its lock left behind), until `off`.
 */
function interruptible(options: LockOptions): {
  interrupted: Promise<never>;
  off(): void;
  /** The first signal, if one came. */
  signalled(): InterruptSignal | undefined;
} {
  let cancel: ((signal: InterruptSignal) => void) | undefined;
  let first: InterruptSignal | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    cancel = (signal) => reject(cancelledBy(signal));
  });
  interrupted.catch(() => {}); // the hold may end before any signal: never an unhandled one
  const off =
    options.onInterrupt?.((signal) => {
      first ??= signal;
      cancel?.(signal);
    }) ?? (() => {});
  return { interrupted, off, signalled: () => first };
}

/**
 * Waits for the lock and takes it, listening for signals from before its first attempt. The
 * listener is left on for the caller to turn off (`off`) once the hold listens in its place;
 * `signalled` tells of a signal it took meanwhile. On a failure or a signal it is off already.
 */
async function acquire(
  lock: LockContext,
  options: LockOptions,
): Promise<{ seen: LockSeen; off: () => void; signalled: () => InterruptSignal | undefined }> {
  let interrupted: InterruptSignal | undefined;
  let wake: (() => void) | undefined;
  const off =
    options.onInterrupt?.((signal) => {
      interrupted ??= signal;
      wake?.();
    }) ?? (() => {});
  let handedOver = false;
  try {
    const seen = await waitForLock(lock, options, {
      interrupted: () => interrupted !== undefined,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          wake = resolve;
          lock.clock.sleep(ms).then(resolve);
        }),
    });
    if (!interrupted) {
      handedOver = true;
      return { seen, off, signalled: () => interrupted };
    }
    // Taken in the very attempt the signal interrupted: given back before giving up.
    await removeLock(lock, seen, { holder: true }).catch(() => {});
    throw cancelledBy(interrupted);
  } catch (error) {
    // waitForLock's own CancelledError does not know the signal; this one does.
    if (interrupted && error instanceof CancelledError) throw cancelledBy(interrupted);
    throw error;
  } finally {
    if (!handedOver) off();
  }
}

interface Interruption {
  interrupted(): boolean;
  /** The clock's sleep, cut short by an interrupt. */
  sleep(ms: number): Promise<void>;
}

async function waitForLock(
  lock: LockContext,
  options: LockOptions,
  stop: Interruption,
): Promise<LockSeen> {
  const { clock } = lock;
  const began = clock.now();
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  // A holder that says how long it may hold the lock is waited for that long (up to the cap):
  // a waiter that gave up while the holder still legitimately waited for a person would fail
  // for nothing. The holder's word is read again at each look: holders change.
  const deadlineFor = (holder: LockSeen | null) =>
    Math.max(
      began + timeoutMs,
      Math.min(
        (holder?.record?.until ?? 0) + HOLD_MARGIN_MS,
        began + Math.max(timeoutMs, options.maxWaitMs ?? timeoutMs),
      ),
    );
  const windows = (options.platform ?? platform()) === "win32";
  let busySince: number | undefined;
  let told = false;
  const waiting = () => {
    if (!told) options.onWait?.();
    told = true;
  };
  let delay = 5;
  let quickRetries = 3;
  for (;;) {
    let holder: LockSeen | null = null;
    try {
      const outcome = await attempt(lock, options.holdForMs);
      busySince = undefined;
      // "again" (released or broken while we looked) still waits and still meets the
      // deadline: a name that link() finds taken but open() cannot read (a dangling link, a
      // FIFO) would otherwise spin here for ever.
      if (outcome !== "again") {
        if (outcome.mine) return outcome.seen;
        holder = outcome.seen;
        // A lock whose holder is gone is broken, not waited for: nobody is told of a wait.
        if (outcome.live) waiting();
      } else if (quickRetries-- > 0) {
        continue; // a lock just broken or released is most often free now (bounded: no spin)
      }
    } catch (error) {
      // Windows keeps a deleted file's name until every handle on it is closed (a waiter may
      // be reading the lock): creating or opening the name fails meanwhile. Not for long.
      if (!windows || !isBusyOnWindows(error)) throw error;
      busySince ??= clock.now();
      if (clock.now() - busySince > windowsBusyMs) throw error;
    }
    if (stop.interrupted()) throw new CancelledError();
    const deadline = deadlineFor(holder);
    if (clock.now() >= deadline) throw timedOut(lock, holder, deadline - began);
    // Jitter keeps waiters that started together from retrying in lockstep.
    await stop.sleep(delay + Math.random() * delay);
    if (stop.interrupted()) throw new CancelledError();
    delay = Math.min(delay * 2, 100);
  }
}

/**
 * One try: the lock taken (mine), its holder's (to wait for: `live` when that holder may still
 * be at work, not only another remover busy breaking its lock), or "again" at once.
 */
async function attempt(
  lock: LockContext,
  holdForMs: number | undefined,
): Promise<{ mine: boolean; seen: LockSeen; live?: boolean } | "again"> {
  const { fs, lockPath, me, clock } = lock;
  const record = newLockRecord(me, clock.now(), holdForMs);
  const text = formatLockRecord(record);
  const mine = { mine: true, seen: { record, text, ino: 0, mtimeMs: 0 } };
  if (await createWithText(lock, lockPath, text)) return mine;
  const seen = await lookAt(fs, lockPath);
  if (seen === null) return "again"; // Released while we looked.
  // Over NFS a link that worked may report EEXIST (its reply was lost, the call resent).
  if (seen.text === text) return mine;
  if (!isStale(seen, me, clock.now(), lock.staleMs, lock.maxHoldMs)) {
    return { mine: false, seen, live: true };
  }
  // Not removed: taken afresh meanwhile, or another waiter is removing it.
  if ((await removeLock(lock, seen)) === "removed") return "again";
  return { mine: false, seen };
}

const windowsBusyMs = 2000;

const CONFIRM_FLAGS =
  constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

function isBusyOnWindows(error: unknown): boolean {
  const code = errnoOf(error instanceof UserError ? error.cause : error);
  return ["EPERM", "EACCES", "EBUSY"].includes(code ?? "");
}

async function confirmHeld({ fs, target, lockPath }: LockContext, mine: LockSeen) {
  // One plain read (one step: the window it leaves is the rename alone), without blocking or
  // following a link: with Deps.fs on synchronous calls a FIFO put at the name would block the
  // whole process, Ctrl-C's handler included. A FIFO or link there is not our lock.
  const now = await fs
    .readFile(lockPath, { encoding: "utf8", flag: CONFIRM_FLAGS })
    .catch((error) => {
      if (["ENOENT", "ELOOP", "EAGAIN"].includes(errnoOf(error) ?? "")) return null;
      throw fileError(error, lockPath, "read");
    });
  if (now === mine.text) return;
  // Released by this process's own clean-up after a signal (exit-cleanup.ts): the signal's
  // cancel, not a lock another process took.
  refuseIfStopped(fs);
  throw new UserError(
    `Another process took the lock of ${printableInLine(target)} while this awsmfa was writing it, so ` +
      "nothing was written: this awsmfa was stalled for longer than a lock may be held.",
    {
      hint: "Try again. If the file is shared by several machines, check that their clocks agree.",
    },
  );
}

/** A wait for a lock that ran out (exit 3); withMfaLock words it for its lock. */
export class LockTimeoutError extends UserError {
  constructor(
    message: string,
    hint: string,
    /** The lock file, and who held it. */
    readonly lockPath: string,
    readonly holder: string,
    /** How long the wait was, as said in the message ("300 s"). */
    readonly waited: string,
  ) {
    // Named as before: callers and logs tell lock timeouts by their message, not a new name.
    super(message, { hint });
  }
}

function timedOut({ lockPath, me }: LockContext, seen: LockSeen | null, waitedMs: number) {
  const seconds = Math.round(waitedMs / 100) / 10;
  const holder = describeHolder(seen?.record ?? null, me);
  return new LockTimeoutError(
    `Timed out after ${seconds} s waiting for the lock file ${printableInLine(lockPath)}, held by ${holder}.`,
    "Another awsmfa is probably updating the same file: let it finish and try again. " +
      `If no awsmfa is running, delete ${printableInLine(lockPath)}.`,
    lockPath,
    holder,
    `${seconds} s`,
  );
}
