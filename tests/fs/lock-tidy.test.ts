/**
 * The tidy of a lock's folder (tidyFolder: claims on other locks, temp files of writers that are
 * gone) at the ends of a hold with LockOptions.tidyLater: a holder whose work fails before its
 * tidy, and a signal's clean-up (exit-cleanup.ts) that releases the lock while a tidy is under
 * way. Removing a claim on another lock is safe only while this holder's lock is at its name:
 * any other lock is then gone for good, and so is any use of a claim on it.
 */
import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { CancelledError, UserError } from "../../src/errors.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { formatLockRecord, type LockSeen, parseLockRecord } from "../../src/fs/lock-record.ts";
import { claimPath } from "../../src/fs/lock-remove.ts";
import { hostTag } from "../../src/fs/temp-files.ts";
import { syncFileSystem } from "../../src/system/sync-fs.ts";
import { processSignals } from "../support/process-signals.ts";
import { host, lockWorld } from "./support/lock-world.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";
import { steppedFs } from "./support/stepped-fs.ts";

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

test("Ctrl-C while a tidy is under way: the lock is let go after it, and no claim of the next lock's breakers is removed", async () => {
  const world = lockWorld();
  const { lockPath } = world;
  // The process's listeners: several may be on at once (a lock's wait hands over to its hold).
  const { onInterrupt, send: signal } = processSignals();
  // Two waiters break the lock of a holder killed as soon as it took it (3000): C stops under
  // its claim before it looks at the lock again; D stops just before it removes the lock.
  const c = pausing((name, path) => name === "open" && path === lockPath && hasClaim(world.dir));
  const d = pausing((name, path) => name === "unlink" && path === lockPath);
  const end = Promise.withResolvers<void>();
  let breaking: Promise<Awaited<ReturnType<typeof world.hold>>> | undefined;
  /** What other processes do once the name is free: 3000 takes it, is killed, C claims it. */
  const takenAndClaimed = () => {
    breaking ??= (async () => {
      world.plantLock(3000);
      const held = await world.hold({ name: "C", pid: 4000, fs: c.fs }, () => end.promise);
      await c.paused;
      return held;
    })();
    return breaking;
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
        signal("SIGINT");
        await new Promise((resolve) => setImmediate(resolve));
        lockAtListing = existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null;
        if (lockAtListing === null) await takenAndClaimed();
      }
      return await real.readdir(folder);
    }) as FileSystem["readdir"],
  };
  const run = withFileLock(
    fs,
    world.path,
    async ({ tidy }) => {
      void tidy(); // as the MFA lock does while AWS answers
      return await new Promise<never>(() => {});
    },
    { pid: 1000, host, isAlive, tidyLater: true, releaseOnInterrupt: true, onInterrupt },
  );
  expect(await run.catch((error: unknown) => error)).toBeInstanceOf(CancelledError);
  // The same moment, had it not come during the listing.
  const breakerC = await takenAndClaimed();
  const breakerD = await world.hold({ name: "D", pid: 5000, fs: d.fs }, () => end.promise);
  // D finds C's claim and waits (here: gives up at once); had the tidy removed that claim, D
  // would claim the lock too and stop just before removing it.
  await Promise.race([d.paused, breakerD.done]);
  c.go();
  await breakerC.got;
  d.go();
  await breakerD.got;
  end.resolve();
  await Promise.all([breakerC.done, breakerD.done]);
  // Without C's claim: C removes the killed holder's lock and takes a fresh one, D removes
  // that one and takes its own, and both hold the lock at once.
  expect(world.overlaps).toEqual([]);
  // The tidy listed the folder under this holder's lock (its own record was at the name).
  expect(lockAtListing).toStartWith('{"pid":1000,');
  expect(leftovers(world.dir)).toEqual([]);
  world.dispose();
});

function hasClaim(dir: string): boolean {
  return readdirSync(dir).some((name) => name.endsWith(".claim"));
}

/** A file system that stops once, before the first step `at` picks, until go(). */
function pausing(at: (name: string, path: string) => boolean) {
  const paused = Promise.withResolvers<void>();
  const gate = Promise.withResolvers<void>();
  let stopped = false;
  const fs = steppedFs(nodeFs, async (_step, name, path) => {
    if (stopped || !at(name, path)) return;
    stopped = true;
    paused.resolve();
    await gate.promise;
  });
  return { fs, paused: paused.promise, go: () => gate.resolve() };
}

test("a signal that also ends the holder's work (a prompt or a lock wait takes it too): the lock is released once", async () => {
  const dir = scratchDir("tidy-release-once");
  const path = join(dir, "mfa");
  const lockPath = `${path}.lock`;
  // The process's listeners: several may be on at once (a lock's wait hands over to its hold).
  const { onInterrupt, send: signal } = processSignals();
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
      // One signal, two listeners: the lock's clean-up, and one that ends this work with it
      // (the code prompt on the Windows console, system/terminal.ts; a wait for another lock).
      signal("SIGINT");
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
