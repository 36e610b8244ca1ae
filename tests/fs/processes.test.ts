/**
 * Real processes racing for one file: the lock serialises them, nobody's change is lost, a
 * waiter gives up with a clear message, and a lock left by a dead process does not block.
 */
import { expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { formatLockRecord } from "../../src/fs/lock-record.ts";
import { outcomeOf, runScript, startScript } from "./support/run-script.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";
import { waitForFiles } from "./support/wait-for.ts";

test("10 processes started at once each append a line: all 10 land, nothing else lost", async () => {
  const dir = scratchDir("race");
  const path = join(dir, "credentials");
  const original = "# my comment\n[default]\nregion = eu-west-1\n";
  writeFileSync(path, original);
  const workers = Array.from({ length: 10 }, (_, i) => {
    const ready = join(dir, `ready-${i}`);
    return { ready, ...startScript("worker.ts", ["append", path, `line ${i}`, ready]) };
  });
  await waitForFiles(workers.map((w) => w.ready));
  for (const worker of workers) worker.go();
  const outcomes = (await Promise.all(workers.map((w) => w.done))).map(outcomeOf);
  // A worker that timed out waiting for the lock shows here, with its message.
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);

  const text = readFileSync(path, "utf8");
  expect(text.startsWith(original)).toBe(true);
  const added = text.slice(original.length).split("\n").filter(Boolean);
  expect(added.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i}`).sort());
  const readyFiles = workers.map((w) => w.ready.slice(dir.length + 1));
  expect(leftovers(dir, "credentials", ...readyFiles)).toEqual([]);
}, 30_000);

test("a second process waits while the first holds the lock, then builds on its write", async () => {
  const dir = scratchDir("race");
  const path = join(dir, "credentials");
  const held = join(dir, "held");
  // The holder writes at the END of its hold: a waiter that did not wait would read an empty
  // file, and the holder would then overwrite its line.
  const holder = runScript("worker.ts", ["hold", path, "400", held]);
  await waitForFiles([held]);
  const waiter = outcomeOf(await runScript("worker.ts", ["append", path, "second"]));
  expect(outcomeOf(await holder)).toMatchObject({ ok: true });
  expect(waiter.ok).toBe(true);
  expect(readFileSync(path, "utf8")).toBe("held\nsecond\n");
  expect(leftovers(dir, "credentials", "held")).toEqual([]);
}, 30_000);

test("a waiter that times out names the holder; once the holder is killed, writes go on", async () => {
  const dir = scratchDir("race");
  const path = join(dir, "credentials");
  const held = join(dir, "held");
  const holder = startScript("worker.ts", ["hold", path, "60000", held]);
  holder.go();
  await waitForFiles([held]);
  const waiter = outcomeOf(await runScript("worker.ts", ["append-within", path, "late", "200"]));
  expect(waiter).toEqual({
    ok: false,
    name: "UserError",
    message: expect.stringMatching(
      new RegExp(
        `^Timed out after 0.2 s waiting for the lock file ${path}\\.lock, ` +
          `held by pid ${holder.child.pid} since `,
      ),
    ),
    hint: expect.stringContaining(`If no awsmfa is running, delete ${path}.lock.`),
  });
  expect(existsSync(path)).toBe(false);

  holder.child.kill("SIGKILL");
  expect((await holder.done).code).not.toBe(0);
  expect(existsSync(`${path}.lock`)).toBe(true);
  const after = outcomeOf(await runScript("worker.ts", ["append-within", path, "later", "5000"]));
  expect(after.ok).toBe(true);
  expect(readFileSync(path, "utf8")).toBe("later\n");
  expect(leftovers(dir, "credentials", "held")).toEqual([]);
}, 30_000);

test("a fresh lock left by a process that has died is broken at once", async () => {
  const dir = scratchDir("race");
  const path = join(dir, "credentials");
  const gone = Bun.spawn([process.execPath, "-e", ""]);
  await gone.exited;
  const lock = { pid: gone.pid, host: hostname(), time: Date.now(), token: "dead" };
  writeFileSync(`${path}.lock`, formatLockRecord(lock));
  // The default staleMs (30 s) has not passed: only the holder's death can free the lock.
  const outcome = outcomeOf(await runScript("worker.ts", ["append-within", path, "x", "5000"]));
  expect(outcome.ok).toBe(true);
  expect(readFileSync(path, "utf8")).toBe("x\n");
  expect(leftovers(dir, "credentials")).toEqual([]);
}, 30_000);
