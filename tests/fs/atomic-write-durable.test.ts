/**
 * How many fsyncs a write costs: a durable write (the default: the user's AWS files) flushes
 * the file and its folder, one each; a cache write (durable: false) flushes nothing, and is
 * still a rename of a complete temp file (crash.test.ts kills writers mid-way).
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

/** The real file system, counting fsyncs of files and of folders (each after `before`). */
function countingFs(before: (path: string) => Promise<void> = async () => undefined) {
  const synced: string[] = [];
  const fs: FileSystem = {
    ...fsPromises,
    open: (async (path: string, ...rest: unknown[]) => {
      const handle = await (fsPromises.open as (...a: unknown[]) => Promise<fsPromises.FileHandle>)(
        path,
        ...rest,
      );
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        synced.push(path);
        await before(path);
        return sync();
      };
      return handle;
    }) as FileSystem["open"],
  };
  return { fs, synced };
}

test("a durable write: one fsync of the file, one of its folder", async () => {
  const dir = scratchDir();
  const path = join(dir, "credentials");
  const { fs, synced } = countingFs();
  await writeFileAtomic(fs, path, "[p]\nk = v\n");
  expect(synced).toHaveLength(2);
  expect(synced[1]).toBe(dir);
  expect(readFileSync(path, "utf8")).toBe("[p]\nk = v\n");
});

test("a cache write (durable: false): no fsync, the same file, no leftovers", async () => {
  const dir = scratchDir();
  const path = join(dir, "session.json");
  const { fs, synced } = countingFs();
  await writeFileAtomic(fs, path, "{}\n", { durable: false });
  await writeFileAtomic(fs, path, '{"a":1}\n', { durable: false });
  expect(synced).toEqual([]);
  expect(readFileSync(path, "utf8")).toBe('{"a":1}\n');
  expect(leftovers(dir, "session.json")).toEqual([]);
});

test("folderFlushed: the folder's fsync begins after the rename and is handed over, not waited for", async () => {
  const dir = scratchDir();
  const path = join(dir, "credentials");
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const { fs, synced } = countingFs((synced) => (synced === dir ? gate : Promise.resolve()));
  let handed: Promise<void> | undefined;
  await writeFileAtomic(fs, path, "[p]\nk = v\n", {
    folderFlushed: (flushed) => {
      handed = flushed;
    },
  });
  // Returned with the file in place and the folder's fsync asked for, still under way.
  expect(readFileSync(path, "utf8")).toBe("[p]\nk = v\n");
  expect(synced).toHaveLength(2);
  expect(synced[1]).toBe(dir);
  let done = false;
  handed!.then(() => {
    done = true;
  });
  await Bun.sleep(5);
  expect(done).toBe(false);
  release();
  await handed;
  expect(done).toBe(true);
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("without folderFlushed, the write waits for the folder's fsync", async () => {
  const dir = scratchDir();
  const path = join(dir, "credentials");
  let folderDone = false;
  const { fs } = countingFs(async (synced) => {
    if (synced !== dir) return;
    await Bun.sleep(20);
    folderDone = true;
  });
  await writeFileAtomic(fs, path, "[p]\nk = v\n");
  expect(folderDone).toBe(true);
});
