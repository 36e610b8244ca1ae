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
  access,
  chmodSync,
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsync,
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

/**
 * The part of fs/promises' FileHandle that fs/ uses. Once closed (even by a close that failed),
 * its number may already be another file's: every call is refused as fs/promises refuses it,
 * and a second close resolves.
 */
function handleOf(fd: number) {
  let closed = false;
  const open = (syscall: string): number => {
    if (closed) throw closedHandle(syscall);
    return fd;
  };
  return {
    get fd() {
      return closed ? -1 : fd;
    },
    stat: async () => fstatSync(open("fstat")),
    readFile: async (encoding?: BufferEncoding) =>
      encoding ? readFileSync(open("readFile"), encoding) : readFileSync(open("readFile")),
    writeFile: async (data: string | Uint8Array, encoding?: BufferEncoding) => {
      writeFileSync(open("writeFile"), data, encoding);
    },
    chmod: async (mode: number) => fchmodSync(open("fchmod"), mode),
    chown: async (uid: number, gid: number) => fchownSync(open("fchown"), uid, gid),
    // On the thread pool: the one call worth waiting for off the main thread (1-30 ms on a
    // busy disk), which a write can overlap with other work (fs/atomic-write.ts meanwhile).
    sync: () =>
      new Promise<void>((resolve, reject) => {
        fsync(open("fsync"), (error) => (error ? reject(error) : resolve()));
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/** fs/promises' error for a call on a closed FileHandle. */
function closedHandle(syscall: string): Error {
  return Object.assign(new Error("Bad file descriptor"), {
    name: "SystemError",
    code: "EBADF",
    syscall,
  });
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
    // The native call, as fs/promises makes: realpathSync walks the path in JS, and its errors
    // name the lstat of a component instead of realpath.
    realpath: async (...args: Args) => realpathSync.native(...(args as [string])),
    unlink: async (path: string) => unlinkSync(path),
    chmod: async (path: string, mode: number) => chmodSync(path, mode),
    readdir: async (...args: Args) => readdirSync(...(args as [string])),
    rm: async (...args: Args) => rmSync(...(args as [string])),
    rmdir: async (...args: Args) => rmdirSync(...(args as [string])),
    readlink: async (...args: Args) => readlinkSync(...(args as [string])),
    link: async (from: string, to: string) => linkSync(from, to),
    // On the thread pool, as sync() is: its first call there starts the pool's threads, which
    // fs/flush-threads.ts has done while AWS answers rather than at the first fsync after.
    access: (path: string, mode?: number) =>
      new Promise<void>((resolve, reject) => {
        access(path, mode, (error) => (error ? reject(error) : resolve()));
      }),
  };
  return fs as unknown as FileSystem;
}
