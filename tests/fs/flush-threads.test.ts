/**
 * startFlushThreads: one look at the file on the thread pool, begun and not waited for, that
 * never fails the login (a missing file, a refused look) and changes nothing on disk.
 */
import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFlushThreads } from "../../src/fs/flush-threads.ts";
import { syncFileSystem } from "../../src/system/sync-fs.ts";

test("asks the file system for one look at the path, and returns without waiting for it", () => {
  const looked: string[] = [];
  let answer: (() => void) | undefined;
  const fs = {
    access: (path: import("node:fs").PathLike) => {
      looked.push(String(path));
      return new Promise<void>((resolve) => {
        answer = resolve;
      });
    },
  };
  expect(startFlushThreads(fs, "/home/me/.aws/credentials")).toBeUndefined();
  expect(looked).toEqual(["/home/me/.aws/credentials"]);
  answer?.();
});

test("a refused look is dropped: no unhandled rejection", async () => {
  const unhandled: unknown[] = [];
  const note = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", note);
  try {
    const fs = { access: async () => Promise.reject(new Error("EACCES")) };
    startFlushThreads(fs, "/nowhere/credentials");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  } finally {
    process.off("unhandledRejection", note);
  }
});

test("on the real Deps.fs: a missing file or an existing one, nothing on disk changes", async () => {
  const root = mkdtempSync(join(tmpdir(), "awsmfa-flush-threads-"));
  try {
    writeFileSync(join(root, "credentials"), "[a]\n", { mode: 0o600 });
    const fs = syncFileSystem();
    startFlushThreads(fs, join(root, "credentials"));
    startFlushThreads(fs, join(root, "missing"));
    // Its answer comes from the pool; the call itself is all a login waits for.
    await fs.access(join(root, "credentials"));
    expect(readdirSync(root)).toEqual(["credentials"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
