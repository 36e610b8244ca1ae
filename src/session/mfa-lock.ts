/**
 * The MFA lock: one question per MFA device (or per long-term key, while its device is still
 * being discovered), however many processes need it at once. terraform starts many SDK
 * clients, each running credential-process: the first takes the lock and asks; the others
 * wait, then find its answer (the cached session, the saved mfa_serial).
 *
 * When the holder fails in a way the next waiter would only repeat (a cancel typed at the code
 * prompt or clicked in the dialog, no terminal, a wrong device, keys AWS refused), it leaves a
 * short-lived marker beside the lock: waiters that were already waiting read it and fail the
 * same way, so one cancel ends them all (fail-marker.ts).
 *
 * A signal to the holder (SIGINT, SIGTERM, SIGHUP) leaves none: it was sent to that process.
 * A Ctrl-C at a terminal reaches its whole foreground process group, so waiters there get it
 * too and stop by themselves (their lock wait listens); a signal sent to the holder alone
 * (kill PID, a wrapper's timeout) ends it as a SIGKILL would, and its waiters, whose callers
 * still want a session, carry on: the next one asks for a code itself. Had AWS already
 * accepted the holder's code, that session is lost with the holder, and the code is spent.
 */
import { dirname } from "node:path";
import { checkCacheFolder } from "../config/cache-folder.ts";
import type { Deps } from "../deps.ts";
import { CancelledError, UserError } from "../errors.ts";
import { fileOptionsFrom, LockTimeoutError, withFileLock } from "../fs/index.ts";
import { printableInLine } from "../system/printable.ts";
import { debug } from "../ui/debug.ts";
import { clearFailMarker, readFailMarker, repeatable, writeFailMarker } from "./fail-marker.ts";

/**
 * A person may take a while to find their device: waiters wait minutes, not seconds. Five at
 * least; as long as the holder says it may hold the lock (its code timeout, its tries, AWS:
 * session/hold-budget.ts), plus a margin, up to an hour.
 */
export const MFA_LOCK = { timeoutMs: 5 * 60_000, staleMs: 10 * 60_000, maxWaitMs: 60 * 60_000 };

/**
 * Runs `fn` holding the lock of `path` (a cache file). `fn` runs only if no caller that held
 * the lock while this one waited failed in a repeatable way; else that failure is thrown.
 */
export async function withMfaLock<T>(
  path: string,
  deps: Deps,
  /** `tidy`: the lock folder's clean-up (HeldLock.tidy), for `fn` to run while it waits. */
  fn: (tidy: () => Promise<void>) => Promise<T>,
  waitingNote: string,
  /** The longest this caller may hold the lock, once it has it (session/hold-budget.ts). */
  holdForMs: number,
): Promise<T> {
  const since = deps.clock.now();
  // The lock, its claims and the marker live in the cache folder: refused unless it is ours.
  await checkCacheFolder(deps, dirname(path), true);
  // A signal while the code is asked for or AWS answers releases the lock instead of killing
  // the process with it held. It leaves no fail marker (see above): waiters carry on.
  // A lock whose holder is gone (killed at the prompt) is broken at once: no "Waiting" for it.
  const onWait = () => {
    debug(deps, `lock ${path}.lock is held by another awsmfa; waiting`);
    // Said only to a person watching stderr; credential-process callers wait in silence.
    if (deps.io.stderr.isTTY) deps.io.stderr.write(`${waitingNote}\n`);
  };
  const options = {
    ...fileOptionsFrom(deps),
    ...MFA_LOCK,
    holdForMs,
    private: true,
    releaseOnInterrupt: true,
    onWait,
    tidyLater: true,
  };
  const held = withFileLock(
    deps.fs,
    path,
    async (lock) => {
      const failed = await readFailMarker(deps, path, since);
      if (failed) {
        debug(
          deps,
          `the awsmfa that held ${path}.lock failed (${failed.code}); failing the same way`,
        );
        throw failed;
      }
      try {
        const result = await fn(lock.tidy);
        await clearFailMarker(deps, path);
        return result;
      } catch (error) {
        // A signal's cancel is the holder's alone (see above). The hold's own listener has
        // usually stopped every write by now (exit-cleanup.ts), which would refuse the marker
        // anyway; this says so, whichever listener took the signal first.
        const signalled = error instanceof CancelledError && error.signal !== undefined;
        if (repeatable(error) && !signalled) {
          await writeFailMarker(deps, path, error).catch(() => undefined);
        }
        throw error;
      }
    },
    options,
  );
  return held.catch((error: unknown) => {
    // Only this lock's wait: a file lock taken inside fn words its own timeout.
    if (error instanceof LockTimeoutError && error.lockPath === `${path}.lock`) {
      throw new UserError(
        `Gave up after ${error.waited} waiting for the other awsmfa that holds the MFA lock of this device (${error.holder}): it is still asking for the code, or waiting for AWS.`,
        {
          hint: `Answer it there, or stop it (Ctrl-C), then run this again. If no awsmfa is running, delete ${printableInLine(error.lockPath)}.`,
          cause: error,
        },
      );
    }
    throw error;
  });
}
