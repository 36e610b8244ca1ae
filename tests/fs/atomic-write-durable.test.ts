/**
 * How many fsyncs a write costs: a durable write (the default: the user's AWS files) flushes
 * the file and its folder, one each; a cache write (durable: false) flushes nothing, and is
 * still a rename of a complete temp file (crash.test.ts kills writers mid-way). A folder fsync
 * the disk fails warns (the file is saved; a power cut could still lose it); one a file system
 * cannot do stays silent.
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { fileOptionsFrom, unflushedFileOptionsFrom } from "../../src/fs/from-deps.ts";
import { testDeps } from "../support/test-deps.ts";
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

/** The real file system, with the fsync of folder `dir` failing with `code`. */
function failingFolderFs(dir: string, code: string): FileSystem {
  return countingFs(async (synced) => {
    if (synced === dir) throw Object.assign(new Error(`${code}: fsync`), { code });
  }).fs;
}

test("a folder fsync the disk fails (EIO): the write succeeds and warns once, handed over or waited for", async () => {
  for (const handOver of [false, true]) {
    const dir = scratchDir();
    const path = join(dir, "cred\x1bentials");
    const said: string[] = [];
    let handed: Promise<void> | undefined;
    await writeFileAtomic(failingFolderFs(dir, "EIO"), path, "[p]\nk = v\n", {
      warn: (line) => said.push(line),
      ...(handOver && { folderFlushed: (flushed: Promise<void>) => (handed = flushed) }),
    });
    await handed;
    expect(readFileSync(path, "utf8")).toBe("[p]\nk = v\n");
    expect(leftovers(dir, "cred\x1bentials")).toEqual([]);
    // One line, the path shown safely (printableInLine), what happened and what to do.
    expect(said).toEqual([
      `Warning: ${join(dir, "cred\\x1bentials")} was saved, but the system could not flush its folder to disk (EIO), so the change could be lost if the computer loses power. Check the disk (its free space and the system log), then run sync.`,
    ]);
  }
});

test("a file system that cannot sync folders (EINVAL, ENOTSUP): silent, as before", async () => {
  for (const code of ["EINVAL", "ENOTSUP"]) {
    const dir = scratchDir();
    const path = join(dir, "credentials");
    const said: string[] = [];
    await writeFileAtomic(failingFolderFs(dir, code), path, "x\n", { warn: (l) => said.push(l) });
    expect(readFileSync(path, "utf8")).toBe("x\n");
    expect(said).toEqual([]);
  }
});

test("fileOptionsFrom writes durably (both fsyncs); unflushedFileOptionsFrom does not", async () => {
  const { deps } = testDeps();
  for (const [options, count] of [
    [fileOptionsFrom(deps), 2],
    [unflushedFileOptionsFrom(deps), 0],
  ] as const) {
    const dir = scratchDir();
    const { fs, synced } = countingFs();
    await writeFileAtomic(fs, join(dir, "f"), "x\n", options);
    expect(synced).toHaveLength(count);
  }
});
