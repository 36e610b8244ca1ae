/**
 * Issue 11, item 5: a lock name that link() finds taken but that reads as "not there" (what a
 * dangling symbolic link did) must not spin: the wait meets its deadline and backs off.
 */
import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { scratchDir } from "./support/scratch.ts";

test('"taken but gone" for ever: the lock wait ends at its deadline, with sleeps', async () => {
  const dir = scratchDir("again");
  const path = join(dir, "credentials");
  writeFileSync(path, "");
  let opens = 0;
  // link() always finds the name taken; opening the lock always finds nothing.
  const liar: FileSystem = {
    ...fs,
    link: async () => {
      throw Object.assign(new Error("EEXIST"), { code: "EEXIST" });
    },
    open: (async (p: string, ...rest: unknown[]) => {
      if (String(p).endsWith(".lock")) {
        if (++opens > 10_000) throw new Error("spinning");
        throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      }
      return (fs.open as (...a: unknown[]) => unknown)(p, ...rest);
    }) as FileSystem["open"],
  };
  const { clock, sleeps } = fakeClock();
  const error = await withFileLock(liar, path, async () => "mine", {
    clock,
    timeoutMs: 1000,
  }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).not.toBe("spinning");
  expect(sleeps.length).toBeGreaterThan(3);
  expect(opens).toBeLessThan(200);
});
