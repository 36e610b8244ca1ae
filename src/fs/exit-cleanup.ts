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
 * this holder's (removeLock checks the token under a claim, as every release does). The release
 * is the holder's own (lock.ts): it runs once, whoever asks first, and not before a tidy of the
 * lock's folder under way is done (that tidy removes claims on other locks, safe only while the
 * lock is held). The user's file is then as it was, or, had its rename already happened, fully
 * written.
 *
 * Every other write (logout, configure, a cached login's [PROFILE], a cache file) holds no such
 * lock, and nothing else catches the signal there: by default it would kill awsmfa with its
 * temp file and lock left until the next write. So while this process has anything on disk,
 * a guard (guardWrites, armed by the real Deps: system/index.ts) listens too, and when it is
 * the signal's only listener, does as git does: the same clean-up, then the exit the signal
 * would have given (128 + its number). Where another listener takes the signal (a lock wait,
 * the MFA lock's hold, `exec` passing it on), that one decides and the guard stays out.
 *
 * Kept per FileSystem (one per process in the product: Deps.fs), so that tests running many
 * Deps in one process do not share it.
 */
import type { FileSystem } from "../deps.ts";
import { cancelledBy, type InterruptSignal, signalExitCode } from "../errors.ts";

/** What the guard needs of the process (main.ts's, through system/index.ts). */
export interface WriteGuard {
  /**
   * Calls `handler` on SIGINT, SIGTERM or SIGHUP when it is that signal's only listener (the
   * signal would otherwise end the process at once), until the returned off is called.
   */
  onLoneSignal(handler: (signal: InterruptSignal) => void): () => void;
  /** Ends the process with this code. */
  exit(code: number): void;
}

interface Pending {
  /** The signal that stopped the writes (true: stopped, the signal unknown). */
  stopped: InterruptSignal | boolean;
  temps: Set<string>;
  /** The releases of the locks held (lock.ts: each waits for its hold's tidy under way). */
  locks: Set<() => Promise<void>>;
  guard?: WriteGuard;
  /** The guard's listener, on while a temp file or a lock is tracked. */
  listening?: () => void;
}

const pendingOf = new WeakMap<FileSystem, Pending>();

function pending(fs: FileSystem): Pending {
  let found = pendingOf.get(fs);
  if (!found) {
    found = { stopped: false, temps: new Set(), locks: new Set() };
    pendingOf.set(fs, found);
  }
  return found;
}

/** Throws a CancelledError once stopWrites() ran: nothing new is written after a signal. */
export function refuseIfStopped(fs: FileSystem): void {
  const stopped = pendingOf.get(fs)?.stopped;
  if (stopped) throw cancelledBy(stopped === true ? undefined : stopped);
}

/** Arms the guard for this FileSystem's writes (the real Deps only; tests choose). */
export function guardWrites(fs: FileSystem, guard: WriteGuard): void {
  pending(fs).guard = guard;
}

/** Listens while anything is tracked, and only then: elsewhere a signal keeps its default. */
function listenWhileTracked(fs: FileSystem, state: Pending): void {
  const busy = state.temps.size > 0 || state.locks.size > 0;
  if (busy && !state.listening && state.guard) {
    const { guard } = state;
    state.listening = guard.onLoneSignal((signal) => {
      void stopWrites(fs, signal).finally(() => guard.exit(signalExitCode(signal)));
    });
  } else if (!busy && state.listening) {
    state.listening();
    state.listening = undefined;
  }
}

/**
 * Notes a temp file about to be created (called just before its open, in the same step as
 * refuseIfStopped: no signal's clean-up can come between); the returned function forgets it.
 */
export function trackTemp(fs: FileSystem, path: string): () => void {
  refuseIfStopped(fs);
  const state = pending(fs);
  state.temps.add(path);
  listenWhileTracked(fs, state);
  return () => {
    state.temps.delete(path);
    listenWhileTracked(fs, state);
  };
}

/**
 * Notes a lock just taken, with its holder's release (refused after a signal's clean-up: its
 * holder then releases it at once). Called while the lock wait's own listener is still on
 * (lock.ts acquire), which goes only after this: no moment from the lock's creation on is left
 * to a signal's default action. The returned function forgets it once its holder has released
 * it (a signal during the release itself is still this guard's to take). The release is the
 * holder's own, shared with it: it runs once, whoever asks first, and only after the holder's
 * tidy of the lock's folder, if one is under way (lock.ts).
 */
export function trackLock(fs: FileSystem, release: () => Promise<void>): () => void {
  refuseIfStopped(fs);
  const state = pending(fs);
  state.locks.add(release);
  listenWhileTracked(fs, state);
  return () => {
    state.locks.delete(release);
    listenWhileTracked(fs, state);
  };
}

/**
 * After a signal: refuses every later write, removes this process's temp files, then releases
 * the locks it still holds. Best effort: what cannot be removed is left to the next run
 * (temp-files.ts, lock-record.ts judge leftovers by their writer).
 */
export async function stopWrites(fs: FileSystem, signal?: InterruptSignal): Promise<void> {
  const state = pending(fs);
  state.stopped = signal ?? true;
  for (const temp of [...state.temps]) await fs.rm(temp, { force: true }).catch(() => {});
  state.temps.clear();
  for (const release of [...state.locks]) await release().catch(() => {});
  state.locks.clear();
  listenWhileTracked(fs, state);
}
