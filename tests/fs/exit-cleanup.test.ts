/**
 * exit-cleanup.ts: a signal while a lock with releaseOnInterrupt is held, and a write inside it
 * is between its temp file and its rename, leaves neither the temp file nor a lock, leaves the
 * file as it was, and refuses whatever the abandoned work tries to write afterwards.
 */
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { CancelledError } from "../../src/errors.ts";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { updateFile } from "../../src/fs/update.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

test("a signal mid-write: temp file and both locks gone, the file unchanged, later writes refused", async () => {
  // A FileSystem of its own: the clean-up's state is kept per FileSystem.
  const fs = { ...nodeFs } as unknown as FileSystem;
  const dir = scratchDir("exit-cleanup");
  const outer = join(dir, "mfa");
  const file = join(dir, "credentials");
  writeFileSync(file, "[prod]\nx = 1\n");
  let signal: (() => void) | undefined;
  const onInterrupt = (handler: () => void) => {
    signal = handler;
    return () => {
      signal = undefined;
    };
  };
  let abandoned: Promise<unknown> | undefined;
  const run = withFileLock(
    fs,
    outer,
    async () => {
      abandoned = updateFile(fs, file, () => "[prod]\nx = 2\n", {
        hooks: {
          afterTempWritten: async () => {
            expect(leftovers(dir).some((n) => n.endsWith(".awsmfa-tmp"))).toBe(true);
            signal?.();
            await Bun.sleep(50);
          },
        },
      }).catch((error: unknown) => error);
      return abandoned;
    },
    { releaseOnInterrupt: true, onInterrupt },
  );
  expect(run).rejects.toBeInstanceOf(CancelledError);
  await run.catch(() => {});
  // The abandoned write ends refused before its rename (its lock is gone, later writes are
  // refused): it never replaces the file.
  expect(await abandoned).toBeInstanceOf(Error);
  expect(leftovers(dir)).toEqual(["credentials"]);
  expect(readFileSync(file, "utf8")).toBe("[prod]\nx = 1\n");
  expect(writeFileAtomic(fs, join(dir, "later"), "x")).rejects.toBeInstanceOf(CancelledError);
  expect(withFileLock(fs, join(dir, "later"), async () => 1)).rejects.toBeInstanceOf(
    CancelledError,
  );
  // Another FileSystem (another process, another test) is not affected.
  const other = { ...nodeFs } as unknown as FileSystem;
  await writeFileAtomic(other, join(dir, "other"), "y");
  expect(readFileSync(join(dir, "other"), "utf8")).toBe("y");
});
