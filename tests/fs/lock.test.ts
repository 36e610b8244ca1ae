import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { breakLock } from "../../src/fs/lock-break.ts";
import { formatLockRecord, parseLockRecord } from "../../src/fs/lock-record.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { leftovers, modeOf, onWindows, scratchDir } from "./support/scratch.ts";

const host = "this-host";
const alive = new Set([1000, 2000]);
const me = { pid: 1000, host, isAlive: (pid: number) => alive.has(pid) };

function lockedFile(holder: { pid: number; host?: string; time?: number }) {
  const dir = scratchDir("lock");
  const path = join(dir, "credentials");
  const record = { host, time: Date.now(), token: "theirs", ...holder };
  writeFileSync(`${path}.lock`, formatLockRecord(record));
  return { dir, path, lockPath: `${path}.lock`, text: formatLockRecord(record) };
}

describe("holding the lock", () => {
  test("the lock file exists while fn runs, says who holds it, and is gone after", async () => {
    const dir = scratchDir("lock");
    const path = join(dir, "credentials");
    const { clock } = fakeClock();
    const result = await withFileLock(
      fs,
      path,
      async () => {
        const record = parseLockRecord(readFileSync(`${path}.lock`, "utf8"));
        expect(record).toMatchObject({ pid: 1000, host, time: clock.now() });
        if (!onWindows) expect(modeOf(`${path}.lock`)).toBe(0o600);
        return 42;
      },
      { ...me, clock },
    );
    expect(result).toBe(42);
    expect(leftovers(dir)).toEqual([]);
  });

  test("released when fn throws, and the error comes through", async () => {
    const dir = scratchDir("lock");
    const boom = new Error("boom");
    const run = withFileLock(fs, join(dir, "credentials"), () => Promise.reject(boom), me);
    await expect(run).rejects.toBe(boom);
    expect(leftovers(dir)).toEqual([]);
  });

  test("a missing folder is created 0700 for the lock", async () => {
    const root = scratchDir("lock");
    const path = join(root, ".aws", "credentials");
    await withFileLock(fs, path, async () => expect(existsSync(`${path}.lock`)).toBe(true), me);
    if (!onWindows) expect(modeOf(join(root, ".aws"))).toBe(0o700);
  });

  test("a lock taken over by someone else is not removed at release", async () => {
    const dir = scratchDir("lock");
    const path = join(dir, "credentials");
    const other = formatLockRecord({ pid: 2000, host, time: Date.now(), token: "other" });
    await withFileLock(fs, path, async () => writeFileSync(`${path}.lock`, other), me);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(other);
  });

  test("writers in one process take turns", async () => {
    const path = join(scratchDir("lock"), "counter");
    writeFileSync(path, "0");
    const bump = () =>
      withFileLock(fs, path, async () => {
        const value = Number(readFileSync(path, "utf8"));
        await new Promise((resolve) => setTimeout(resolve, 1));
        writeFileSync(path, String(value + 1));
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    expect(readFileSync(path, "utf8")).toBe("20");
  });
});

describe("waiting for a lock", () => {
  test("a live holder makes us wait, and the timeout names the lock file and the holder", async () => {
    const { path, lockPath, text } = lockedFile({ pid: 2000 });
    const { clock, sleeps, elapsed } = fakeClock();
    let ran = false;
    const error = await withFileLock(fs, path, async () => (ran = true), {
      ...me,
      clock,
      timeoutMs: 10_000,
    }).catch((e) => e);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      new RegExp(`^Timed out after 10 s waiting for the lock file ${lockPath}, held by pid 2000 `),
    );
    expect(error.hint).toContain(`If no awsmfa is running, delete ${lockPath}.`);
    expect(elapsed()).toBeGreaterThanOrEqual(10_000);
    // Backoff: starts small, never above 200 ms (100 plus jitter).
    expect(sleeps[0]).toBeLessThan(10);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(200);
    expect(readFileSync(lockPath, "utf8")).toBe(text);
  });

  test("we get the lock as soon as the holder releases it", async () => {
    const { path, lockPath } = lockedFile({ pid: 2000 });
    const { clock, sleeps } = fakeClock(Date.now(), (count) => {
      if (count === 3) rmSync(lockPath);
    });
    const result = await withFileLock(fs, path, async () => "mine", { ...me, clock });
    expect(result).toBe("mine");
    expect(sleeps).toHaveLength(3);
    expect(existsSync(lockPath)).toBe(false);
  });

  test("an empty lock file (its holder is writing it) is waited for", async () => {
    const { path, lockPath } = lockedFile({ pid: 2000 });
    writeFileSync(lockPath, "");
    const { clock } = fakeClock();
    const error = await withFileLock(fs, path, async () => 1, {
      ...me,
      clock,
      timeoutMs: 500,
    }).catch((e) => e);
    expect(error.message).toContain("held by an unknown process");
  });
});

describe("breaking stale locks", () => {
  test.each([
    ["its holder is gone from this host", { pid: 3000 }],
    ["it is older than staleMs", { pid: 2000, time: Date.now() - 31_000 }],
    ["it is older than staleMs, on another host", { pid: 3000, host: "ci", time: 0 }],
  ])("broken at once when %s", async (_label, holder) => {
    const { dir, path } = lockedFile(holder);
    const { clock, sleeps } = fakeClock();
    expect(await withFileLock(fs, path, async () => "mine", { ...me, clock })).toBe("mine");
    expect(sleeps).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });

  test("an unreadable lock is broken once its file is older than staleMs", async () => {
    const { dir, path, lockPath } = lockedFile({ pid: 2000 });
    writeFileSync(lockPath, "garbage");
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    const { clock } = fakeClock();
    expect(await withFileLock(fs, path, async () => "mine", { ...me, clock })).toBe("mine");
    expect(leftovers(dir)).toEqual([]);
  });

  test("breakLock removes the lock it judged", async () => {
    const { dir, lockPath, text } = lockedFile({ pid: 3000 });
    const { ino } = await fs.stat(lockPath);
    await breakLock(fs, lockPath, { text, ino });
    expect(leftovers(dir)).toEqual([]);
  });

  test("breakLock puts back a lock taken after it was judged", async () => {
    const { dir, lockPath, text } = lockedFile({ pid: 3000 });
    const { ino } = await fs.stat(lockPath);
    // Another waiter broke the stale lock and took a fresh one in the meantime.
    rmSync(lockPath);
    const fresh = formatLockRecord({ pid: 2000, host, time: Date.now(), token: "fresh" });
    writeFileSync(lockPath, fresh);
    await breakLock(fs, lockPath, { text, ino });
    expect(readFileSync(lockPath, "utf8")).toBe(fresh);
    expect(leftovers(dir, "credentials.lock")).toEqual([]);
  });

  test("breakLock does nothing when the lock is already gone", async () => {
    const { dir, lockPath, text } = lockedFile({ pid: 3000 });
    rmSync(lockPath);
    await breakLock(fs, lockPath, { text, ino: 1 });
    expect(leftovers(dir)).toEqual([]);
  });
});
