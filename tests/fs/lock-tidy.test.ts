/**
 * The tidy of a lock's folder (tidyFolder: claims on other locks, temp files of writers that are
 * gone) at the ends of a hold with LockOptions.tidyLater: a holder whose work fails before its
 * tidy, and a signal's clean-up (exit-cleanup.ts) that releases the lock while a tidy is under
 * way. Removing a claim on another lock is safe only while this holder's lock is at its name:
 * any other lock is then gone for good, and so is any use of a claim on it.
 */
import { expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { CancelledError, type InterruptSignal, UserError } from "../../src/errors.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import type { LockContext } from "../../src/fs/lock-file.ts";
import { formatLockRecord, type LockSeen, parseLockRecord } from "../../src/fs/lock-record.ts";
import { claimPath, removeLock } from "../../src/fs/lock-remove.ts";
import { identityOf } from "../../src/fs/options.ts";
import { hostTag } from "../../src/fs/temp-files.ts";
import { syncFileSystem } from "../../src/system/sync-fs.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

const host = "this-host";
/** 1000 holds the lock; 4000 and 5000 are other awsmfa processes; 3000 and 3001 were killed. */
const alive = new Set([1000, 4000, 5000]);
const isAlive = (pid: number) => alive.has(pid);

function recordOf(pid: number, token: string): string {
  return formatLockRecord({ pid, host, time: Date.now(), token });
}

/** A lock's text as a look at it sees it (a record's text alone tells it apart). */
function seenOf(text: string): LockSeen {
  return { record: parseLockRecord(text), text, ino: 0, mtimeMs: 0 };
}

/** What lock.ts builds for process `pid` and the lock of `path`. */
function contextOf(fs: FileSystem, path: string, pid: number): LockContext {
  const me = identityOf({ pid, host, isAlive });
  return {
    fs,
    target: path,
    lockPath: `${path}.lock`,
    me,
    clock: fakeClock().clock,
    staleMs: 30_000,
    maxHoldMs: 0,
  };
}

test("a holder whose work fails before its deferred tidy still tidies before it lets go", async () => {
  const dir = scratchDir("tidy-fail");
  const path = join(dir, "credentials");
  // What killed processes left: a temp file of the file's (session keys in it), and a claim on
  // a lock that is long gone.
  writeFileSync(join(dir, `.credentials.${hostTag(host)}-3000-0123ab.awsmfa-tmp`), "secret");
  const gone = recordOf(3000, "gone");
  writeFileSync(claimPath(`${path}.lock`, seenOf(gone), 0), recordOf(3001, "claim"));
  const failed = withFileLock(
    nodeFs,
    path,
    async () => {
      throw new UserError("refused before the write");
    },
    { pid: 1000, host, isAlive, tidyLater: true },
  );
  expect(await failed.catch((error: Error) => error.message)).toBe("refused before the write");
  expect(leftovers(dir)).toEqual([]);
});

test("a holder that found its lock taken (confirm failed) tidies nothing: the claims there may be the new holder's", async () => {
  const dir = scratchDir("tidy-lost");
  const path = join(dir, "credentials");
  const lockPath = `${path}.lock`;
  // Taken over while this holder was stalled, and being released by its new holder (4000)
  // under its claim.
  const taken = recordOf(4000, "taken");
  const theirClaim = claimPath(lockPath, seenOf(taken), 0);
  const lost = withFileLock(
    nodeFs,
    path,
    async ({ confirm }) => {
      writeFileSync(lockPath, taken);
      writeFileSync(theirClaim, taken);
      await confirm();
    },
    { pid: 1000, host, isAlive, tidyLater: true },
  );
  expect(await lost.catch((error: Error) => error.message)).toStartWith(
    `Another process took the lock of ${path}`,
  );
  expect(existsSync(theirClaim)).toBe(true);
  expect(readFileSync(lockPath, "utf8")).toBe(taken);
});

test("a signal's clean-up releases the lock only once a tidy under way is done, and no tidy begins after", async () => {
  const dir = scratchDir("tidy-signal");
  const path = join(dir, "mfa");
  const lockPath = `${path}.lock`;
  let signal: ((signal: InterruptSignal) => void) | undefined;
  const onInterrupt = (handler: (signal: InterruptSignal) => void) => {
    signal = handler;
    return () => {
      signal = undefined;
    };
  };
  // What other processes do once the name is free: one takes the lock and is killed at once
  // (3000), and a waiter (4000), breaking that lock, takes its claim on it.
  const killed = recordOf(3000, "killed");
  const breakersClaim = claimPath(lockPath, seenOf(killed), 0);
  let taken = false;
  const takenAndClaimed = () => {
    if (taken) return;
    taken = true;
    writeFileSync(lockPath, killed);
    writeFileSync(breakersClaim, recordOf(4000, "breaker"));
  };
  // The product's file system: synchronous calls behind promises, so once a macrotask has run,
  // every step the clean-up could take without waiting has been taken.
  const real = syncFileSystem();
  let lockAtListing: string | null | undefined;
  const fs: FileSystem = {
    ...real,
    readdir: (async (folder: string) => {
      // The tidy's listing, held up by a slow disk: Ctrl-C comes now.
      if (lockAtListing === undefined) {
        signal?.("SIGINT");
        await new Promise((resolve) => setImmediate(resolve));
        lockAtListing = existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null;
        if (lockAtListing === null) takenAndClaimed();
      }
      return await real.readdir(folder);
    }) as FileSystem["readdir"],
  };
  const run = withFileLock(
    fs,
    path,
    async ({ tidy }) => {
      void tidy(); // as the MFA lock does while AWS answers
      return await new Promise<never>(() => {});
    },
    { pid: 1000, host, isAlive, tidyLater: true, releaseOnInterrupt: true, onInterrupt },
  );
  expect(await run.catch((error: unknown) => error)).toBeInstanceOf(CancelledError);
  // The same moment, had the lock been held at the listing.
  takenAndClaimed();
  // Another waiter (5000) that judged the killed holder's lock too finds the breaker's claim
  // and leaves the lock to it: one remover per lock. (Without the claim, both remove: the
  // second can remove the lock the first has just taken, and both hold it.)
  expect(existsSync(breakersClaim)).toBe(true);
  expect(await removeLock(contextOf(real, path, 5000), seenOf(killed))).toBe("busy");
  expect(lockAtListing).toStartWith('{"pid":1000,');
  expect(leftovers(dir).sort()).toEqual(["mfa.lock", breakersClaim.slice(dir.length + 1)]);
});

test("a signal that also ends the holder's work (the code prompt takes Ctrl-C too): the lock is released once", async () => {
  const dir = scratchDir("tidy-release-once");
  const path = join(dir, "mfa");
  const lockPath = `${path}.lock`;
  let signal: ((signal: InterruptSignal) => void) | undefined;
  const onInterrupt = (handler: (signal: InterruptSignal) => void) => {
    signal = handler;
    return () => {
      signal = undefined;
    };
  };
  // Another awsmfa (4000) takes the lock the moment its name is free.
  const next = recordOf(4000, "next");
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const real = syncFileSystem();
  let unlinks = 0;
  let taken = false;
  const fs: FileSystem = {
    ...real,
    unlink: (async (name: string) => {
      // The first release's removal of the lock, held up for a moment (a busy disk): whatever
      // else this process would do meanwhile without waiting, it does.
      if (name === lockPath && unlinks++ === 0) await turn();
      await real.unlink(name);
      if (name === lockPath && !taken) {
        taken = true;
        writeFileSync(lockPath, next);
      }
    }) as FileSystem["unlink"],
  };
  const run = withFileLock(
    fs,
    path,
    async () => {
      // One signal, two listeners: the lock's clean-up, and the prompt, which gives up.
      signal?.("SIGINT");
      throw new CancelledError();
    },
    { pid: 1000, host, isAlive, tidyLater: true, releaseOnInterrupt: true, onInterrupt },
  );
  expect(await run.catch((error: unknown) => error)).toBeInstanceOf(CancelledError);
  // Every step a release could take has been taken (synchronous calls; one held-up unlink).
  await turn();
  await turn();
  expect(readFileSync(lockPath, "utf8")).toBe(next);
  expect(leftovers(dir)).toEqual(["mfa.lock"]);
});
