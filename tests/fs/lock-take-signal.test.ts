/**
 * The moment a lock is taken: between the end of the wait (the lock just created, the wait's
 * signal listener about to go) and the start of the hold's listeners (its own, with
 * releaseOnInterrupt, or the write guard's: exit-cleanup.ts trackLock). A process whose signal
 * has no listener is killed by the signal's default action, so a SIGINT, SIGTERM or SIGHUP in a
 * moment with none killed awsmfa with its lock left behind (the next run breaks it, its pid
 * being gone, but the docs promise a signal removes it and exits 128 + n). Here the process's
 * listeners are counted: from before the lock is created until it is removed, there is always
 * one. (lock-release-signal.test.ts is the same at the other end, the release.)
 */
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { InterruptSignal } from "../../src/errors.ts";
import { guardWrites } from "../../src/fs/exit-cleanup.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { host } from "./support/lock-world.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";
import { steppedFs } from "./support/stepped-fs.ts";

const isAlive = (pid: number) => pid === 1000;

/** The process's listeners, and every moment the lock existed with none of them on. */
function countedListeners(lockPath: string) {
  const listeners = new Set<(signal: InterruptSignal) => void>();
  const unguarded: string[] = [];
  const check = (when: string) => {
    if (listeners.size === 0 && existsSync(lockPath)) unguarded.push(when);
  };
  const fs = steppedFs(nodeFs, async (_step, name, path) => check(`before ${name} ${path}`));
  const listen = (handler: (signal: InterruptSignal) => void) => {
    listeners.add(handler);
    return () => {
      listeners.delete(handler);
      check("a listener went");
    };
  };
  return { fs, listen, unguarded };
}

test("the MFA lock: a listener is on from before the lock is created until it is removed", async () => {
  const dir = scratchDir("take-signal");
  const path = join(dir, "session.json");
  const world = countedListeners(`${path}.lock`);
  const result = await withFileLock(world.fs, path, async () => "session", {
    pid: 1000,
    host,
    isAlive,
    private: true,
    tidyLater: true,
    releaseOnInterrupt: true,
    onInterrupt: world.listen,
  });
  expect(result).toBe("session");
  expect(world.unguarded).toEqual([]);
  expect(leftovers(dir)).toEqual([]);
});

test("a file's lock under the write guard: the wait's listener stays on until the guard's is", async () => {
  const dir = scratchDir("take-signal-guard");
  const path = join(dir, "credentials");
  const world = countedListeners(`${path}.lock`);
  guardWrites(world.fs, { onLoneSignal: world.listen, exit: () => {} });
  await withFileLock(world.fs, path, async () => {}, {
    pid: 1000,
    host,
    isAlive,
    onInterrupt: world.listen,
  });
  expect(world.unguarded).toEqual([]);
  expect(leftovers(dir)).toEqual([]);
});
