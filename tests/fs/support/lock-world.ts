/**
 * Several process-like parties in one test process, contending for the lock of one file: each
 * has its own pid and clock, all share one table of live pids, and every holding is recorded,
 * so that a test can assert the one thing a lock is for: never two holders at once.
 */
import { rmSync, writeFileSync } from "node:fs";
import * as realFs from "node:fs/promises";
import { join } from "node:path";
import type { Clock, FileSystem } from "../../../src/deps.ts";
import { UserError } from "../../../src/errors.ts";
import { type LockOptions, withFileLock } from "../../../src/fs/lock.ts";
import { formatLockRecord } from "../../../src/fs/lock-record.ts";
import { realClock } from "../../../src/fs/options.ts";
import { scratchDir } from "./scratch.ts";

export const host = "this-host";

export interface Party {
  name: string;
  pid: number;
  clock?: Clock;
  fs?: FileSystem;
  /** False: this party cannot tell whether others are alive (locks go stale by age only). */
  seesLiveness?: boolean;
  staleMs?: number;
  timeoutMs?: number;
}

export function lockWorld() {
  const dir = scratchDir("interleave");
  const path = join(dir, "credentials");
  const alive = new Set<number>();
  const holders: string[] = [];
  const overlaps: string[] = [];

  function optionsOf(party: Party): LockOptions {
    alive.add(party.pid);
    return {
      pid: party.pid,
      host,
      clock: party.clock ?? realClock,
      timeoutMs: party.timeoutMs ?? 0,
      ...(party.staleMs !== undefined && { staleMs: party.staleMs }),
      ...(party.seesLiveness !== false && { isAlive: (pid: number) => alive.has(pid) }),
    };
  }

  /** Takes the lock (or gives up at the timeout: false) and holds it while `whileHeld` runs. */
  async function hold(party: Party, whileHeld: () => Promise<unknown> = async () => {}) {
    const entered = Promise.withResolvers<boolean>();
    const done = withFileLock(
      party.fs ?? realFs,
      path,
      async () => {
        holders.push(party.name);
        if (holders.length > 1) overlaps.push(holders.join(" and "));
        entered.resolve(true);
        await whileHeld();
        holders.splice(holders.indexOf(party.name), 1);
      },
      optionsOf(party),
    ).then(
      () => true,
      (error) => {
        if (!(error instanceof UserError && error.message.startsWith("Timed out"))) throw error;
        entered.resolve(false);
        return false;
      },
    );
    return { got: entered.promise, done };
  }

  /** Takes the lock and lets go at once: true if it got it. */
  async function probe(party: Party): Promise<boolean> {
    return (await hold(party)).done;
  }

  /** A lock file left by `pid` (alive or not, as the test says). */
  function plantLock(pid: number, fields: { time?: number; host?: string } = {}) {
    const record = { pid, host, time: Date.now(), token: `planted-${pid}`, ...fields };
    writeFileSync(`${path}.lock`, formatLockRecord(record));
  }

  /** Removes the folder now: scratch folders of later test files outlive the run. */
  const dispose = () => rmSync(dir, { recursive: true, force: true });

  return { dir, path, lockPath: `${path}.lock`, alive, overlaps, hold, probe, plantLock, dispose };
}
