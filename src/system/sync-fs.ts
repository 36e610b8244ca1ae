/**
 * The real FileSystem of Deps, on synchronous calls behind its async interface. node:fs/promises
 * sends every call to a thread pool and back, ~0.1 ms each on a busy machine, and a fresh
 * login makes about a hundred (two locks with their claims, three atomic writes, the checks of
 * the cache folder): the calls themselves take microseconds on a local disk. Errors are the
 * same objects either way (code, errno, syscall, path and message). Files awsmfa reads are
 * opened without blocking (fs/read-regular.ts), so no call waits on a FIFO.
 *
 * Only what Deps.fs offers, and of a file handle only what fs/ uses (tests/system/sync-fs.test.ts
 * holds the two to the same answers).
 */
import {
  chmodSync,
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import type { FileSystem } from "../deps.ts";

/** The part of fs/promises' FileHandle that fs/ uses. */
function handleOf(fd: number) {
  let closed = false;
  return {
    fd,
    stat: async () => fstatSync(fd),
    readFile: async (encoding?: BufferEncoding) =>
      encoding ? readFileSync(fd, encoding) : readFileSync(fd),
    writeFile: async (data: string | Uint8Array, encoding?: BufferEncoding) => {
      writeFileSync(fd, data, encoding);
    },
    chmod: async (mode: number) => fchmodSync(fd, mode),
    chown: async (uid: number, gid: number) => fchownSync(fd, uid, gid),
    sync: async () => fsyncSync(fd),
    close: async () => {
      // fs/promises resolves a second close; closing a number twice could close another file.
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: each call passes its arguments on unchanged.
type Args = any[];

export function syncFileSystem(): FileSystem {
  const fs = {
    open: async (path: string, flags?: string | number, mode?: number) =>
      handleOf(openSync(path, flags ?? "r", mode)),
    readFile: async (...args: Args) => readFileSync(...(args as [string])),
    writeFile: async (...args: Args) => writeFileSync(...(args as [string, string])),
    rename: async (from: string, to: string) => renameSync(from, to),
    mkdir: async (...args: Args) => mkdirSync(...(args as [string])),
    stat: async (...args: Args) => statSync(...(args as [string])),
    lstat: async (...args: Args) => lstatSync(...(args as [string])),
    realpath: async (...args: Args) => realpathSync(...(args as [string])),
    unlink: async (path: string) => unlinkSync(path),
    chmod: async (path: string, mode: number) => chmodSync(path, mode),
    readdir: async (...args: Args) => readdirSync(...(args as [string])),
    rm: async (...args: Args) => rmSync(...(args as [string])),
    rmdir: async (...args: Args) => rmdirSync(...(args as [string])),
    readlink: async (...args: Args) => readlinkSync(...(args as [string])),
    link: async (from: string, to: string) => linkSync(from, to),
  };
  return fs as unknown as FileSystem;
}
