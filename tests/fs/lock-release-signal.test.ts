/**
 * A signal while a holder lets go of its lock (the claim it links, the look at it, the unlink).
 * A process whose signal has no listener is killed by the signal's default action: had the
 * hold stopped listening before its release, a Ctrl-C, SIGTERM or SIGHUP landing there killed
 * awsmfa with its lock and its claim left behind (seen in a red-team run of the real binaries:
 * an MFA lock left by a login ended by SIGTERM, no SIGKILL sent). The release is listened for
 * to its end, by the hold's own listener (releaseOnInterrupt) or by the write guard
 * (exit-cleanup.ts guardWrites), and the run ends as the signal asks.
 */
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import { CancelledError, type InterruptSignal } from "../../src/errors.ts";
import { guardWrites } from "../../src/fs/exit-cleanup.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { host } from "./support/lock-world.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";
import { steppedFs } from "./support/stepped-fs.ts";

const isAlive = (pid: number) => pid === 1000;

/**
 * The process's signal listeners, and a file system that sends `signal` when the holder links
 * its claim to its lock (the first step of its release): to each listener, as the process
 * would, or, with none, noting that the default action would have killed it there.
 */
function signalAtRelease(lockPath: string, signal: InterruptSignal) {
  const listeners = new Set<(signal: InterruptSignal) => void>();
  const killedWith: string[] = [];
  let sent = false;
  const fs = steppedFs(nodeFs, async (_step, name, path) => {
    if (sent || name !== "link" || path !== lockPath) return;
    sent = true;
    if (listeners.size === 0) {
      killedWith.push(`${signal} killed the process, its lock left: ${existsSync(lockPath)}`);
    }
    for (const listener of [...listeners]) listener(signal);
  });
  const listen = (handler: (signal: InterruptSignal) => void) => {
    listeners.add(handler);
    return () => {
      listeners.delete(handler);
    };
  };
  return { fs, listen, killedWith, sent: () => sent };
}

test("a signal while the MFA lock is let go: taken by the hold's listener, the lock released, the run cancelled", async () => {
  const dir = scratchDir("release-signal");
  const path = join(dir, "session.json");
  const world = signalAtRelease(`${path}.lock`, "SIGTERM");
  const run = withFileLock(world.fs, path, async () => "session", {
    pid: 1000,
    host,
    isAlive,
    private: true,
    tidyLater: true,
    releaseOnInterrupt: true,
    onInterrupt: world.listen,
  });
  const outcome = await run.catch((error: unknown) => error);
  expect(world.sent()).toBe(true);
  expect(world.killedWith).toEqual([]);
  expect(outcome).toBeInstanceOf(CancelledError);
  expect((outcome as CancelledError).signal).toBe("SIGTERM");
  expect(leftovers(dir)).toEqual([]);
});

test("a signal while a file's lock is let go (no listener of its own): the write guard releases it and exits 128 + n", async () => {
  const dir = scratchDir("release-signal-guard");
  const path = join(dir, "credentials");
  const world = signalAtRelease(`${path}.lock`, "SIGHUP");
  const exits: number[] = [];
  const exited = Promise.withResolvers<void>();
  guardWrites(world.fs, {
    onLoneSignal: world.listen,
    exit: (code) => {
      exits.push(code);
      exited.resolve();
    },
  });
  await withFileLock(world.fs, path, async () => {}, { pid: 1000, host, isAlive });
  expect(world.sent()).toBe(true);
  expect(world.killedWith).toEqual([]);
  await exited.promise;
  expect(exits).toEqual([129]);
  expect(leftovers(dir)).toEqual([]);
});
