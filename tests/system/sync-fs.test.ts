/**
 * The real Deps.fs (system/sync-fs.ts) answers as node:fs/promises does: the same results and
 * the same errors (code, errno, syscall, path, message), call for call, in two folders where
 * the same things happen.
 */
import { afterAll, expect, test } from "bun:test";
import { constants, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { syncFileSystem } from "../../src/system/sync-fs.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** What a call gave: its value (stats as the fields fs/ reads), or its error's fields. */
async function outcome(call: () => Promise<unknown>, root: string): Promise<unknown> {
  const local = (value: unknown) =>
    typeof value === "string" ? value.replaceAll(root, "ROOT") : value;
  try {
    const value = await call();
    if (value && typeof value === "object" && "isFile" in value) {
      const s = value as import("node:fs").Stats;
      return { file: s.isFile(), dir: s.isDirectory(), link: s.isSymbolicLink(), mode: s.mode };
    }
    if (Array.isArray(value)) return [...value].sort();
    return Buffer.isBuffer(value) ? value.toString("hex") : local(value);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return {
      failed: e.constructor.name,
      code: e.code,
      errno: e.errno,
      syscall: e.syscall,
      path: local(e.path),
      message: local(e.message),
    };
  }
}

/** Every call fs/ makes, on files that exist and files that do not. */
async function script(fs: FileSystem): Promise<unknown[]> {
  const root = mkdtempSync(join(tmpdir(), "awsmfa-sync-fs-"));
  roots.push(root);
  const at = (name: string) => join(root, name);
  const seen: unknown[] = [];
  const step = async (call: () => Promise<unknown>) => seen.push(await outcome(call, root));
  const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  const READ = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
  await step(() => fs.mkdir(at("a/b"), { recursive: true, mode: 0o700 }));
  await step(() => fs.mkdir(at("a"), { mode: 0o700 }));
  const handle = await fs.open(at("a/file"), CREATE_NEW, 0o600);
  await step(() => handle.writeFile("héllo\n", "utf8"));
  await step(() => handle.chmod(0o640));
  await step(() => handle.sync());
  await step(() => handle.stat());
  await step(() => handle.close());
  await step(() => fs.open(at("a/file"), CREATE_NEW, 0o600));
  const reader = await fs.open(at("a/file"), READ);
  await step(() => reader.readFile("utf8"));
  await step(() => reader.close());
  symlinkSync(at("a/file"), at("a/link"));
  await step(() => fs.open(at("a/link"), READ));
  await step(() => fs.readlink(at("a/link")));
  await step(() => fs.realpath(at("a/link")));
  await step(() => fs.lstat(at("a/link")));
  await step(() => fs.stat(at("a/link")));
  await step(() => fs.readFile(at("a/file"), "utf8"));
  await step(() => fs.readFile(at("a/file")));
  await step(() => fs.readFile(at("a/none"), "utf8"));
  await step(() => fs.link(at("a/file"), at("a/hard")));
  await step(() => fs.link(at("a/file"), at("a/hard")));
  await step(() => fs.rename(at("a/hard"), at("a/moved")));
  await step(() => fs.rename(at("a/hard"), at("a/moved")));
  await step(() => fs.readdir(at("a")));
  // A void answer (Bun's fs/promises gives null for it): what counts is that it answered.
  await step(() => fs.access(at("a/moved")).then(() => "accessible"));
  await step(() => fs.access(at("a/none")).then(() => "accessible"));
  await step(() => fs.readdir(at("a/file")));
  await step(() => fs.chmod(at("a/moved"), 0o600));
  await step(() => fs.writeFile(at("a/w"), "text", { mode: 0o600, flag: "wx" }));
  await step(() => fs.writeFile(at("a/w"), "text", { mode: 0o600, flag: "wx" }));
  await step(() => fs.unlink(at("a/moved")));
  await step(() => fs.unlink(at("a/moved")));
  await step(() => fs.rm(at("a/moved"), { force: true }));
  await step(() => fs.rm(at("a/moved")));
  await step(() => fs.rmdir(at("a")));
  await step(() => fs.rmdir(at("a/b")));
  await step(() => fs.rm(at("a"), { recursive: true, force: true }));
  await step(() => fs.lstat(at("a")));
  return seen;
}

test("every call answers as fs/promises does, errors included", async () => {
  const expected = await script(fsPromises);
  const actual = await script(syncFileSystem());
  expect(actual).toEqual(expected);
  // The script met errors and values alike.
  expect(expected.filter((x) => (x as { failed?: string })?.failed).length).toBeGreaterThan(8);
  expect(expected).toContain("héllo\n");
});

test("a handle closed twice closes its descriptor once", async () => {
  const root = mkdtempSync(join(tmpdir(), "awsmfa-sync-fs-"));
  roots.push(root);
  const fs = syncFileSystem();
  const first = await fs.open(join(root, "one"), "w");
  await first.close();
  // The next open may reuse the number; a second close of the first must not close it.
  const second = await fs.open(join(root, "two"), "w");
  await first.close();
  await second.writeFile("still open", "utf8");
  await second.close();
  expect(await fs.readFile(join(root, "two"), "utf8")).toBe("still open");
});

test("realpath fails as fs/promises' does: syscall realpath, not the lstat of a JS walk", async () => {
  const run = async (fs: FileSystem) => {
    const root = mkdtempSync(join(tmpdir(), "awsmfa-sync-fs-"));
    roots.push(root);
    const at = (name: string) => join(root, name);
    await fs.writeFile(at("file"), "x");
    symlinkSync(at("loop"), at("loop"));
    symlinkSync(at("file"), at("link"));
    const seen: unknown[] = [];
    for (const path of ["none", "none/x", "file/x", "loop", "link", "."].map(at)) {
      seen.push(await outcome(() => fs.realpath(path), root));
    }
    return seen;
  };
  const expected = await run(fsPromises);
  expect(await run(syncFileSystem())).toEqual(expected);
  expect(expected).toContainEqual(expect.objectContaining({ code: "ELOOP", syscall: "realpath" }));
});

test("a closed handle refuses every call as fs/promises' does, never touching its old number", async () => {
  const run = async (fs: FileSystem, label: string) => {
    const root = mkdtempSync(join(tmpdir(), "awsmfa-sync-fs-"));
    roots.push(root);
    const first = await fs.open(join(root, "first"), "w");
    await first.close();
    // The next open may reuse the number: nothing the first handle does may reach that file.
    const second = await fs.open(join(root, "second"), "w");
    const seen: unknown[] = [first.fd];
    for (const call of [
      () => first.stat(),
      () => first.readFile("utf8"),
      () => first.writeFile("not for the second file", "utf8"),
      () => first.chmod(0o644),
      () => first.chown(0, 0),
      () => first.sync(),
      () => first.close(),
    ]) {
      seen.push(await outcome(call, root));
    }
    await second.close();
    seen.push(await fs.readFile(join(root, "second"), "utf8"));
    return { label, seen };
  };
  const expected = await run(fsPromises, "same");
  expect(await run(syncFileSystem(), "same")).toEqual(expected);
  expect(expected.seen).toContainEqual(expect.objectContaining({ code: "EBADF" }));
  expect(expected.seen.at(-1)).toBe("");
});
