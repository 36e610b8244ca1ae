/**
 * The few file calls of the cached fast path's lean tier (commands/fast/lean-read.ts), made
 * straight to Linux's C library through bun:ffi: statx, openat, read, write, close.
 *
 * Why: loading node:fs costs every run that uses it ~1.2 ms of CPU before its first call (Bun
 * evaluates node:fs and the internal modules it needs, in JavaScript, at each start), a sixth of
 * a cached login. bun:ffi's functions (Bun's own object, not the bun:ffi module: bunFfi) and
 * their stubs for these six functions cost ~0.25 ms, and the lean tier then needs no node:fs
 * at all (docs/performance.md).
 *
 * Only where the layout is known: Linux on x64 and arm64 with glibc (statx's struct is the
 * same on every architecture, the open flags are each architecture's own). Anywhere else, or
 * when the library, a function or bun:ffi's compiler is missing (musl, a glibc before 2.28, a
 * system that refuses executable memory), libcFiles() is undefined and the lean tier uses
 * node:fs, which gives the same answers.
 *
 * Each call does what the node:fs call of the same name does in Bun, for the arguments the
 * lean tier passes: an error carries node's code (ENOENT, ENOTDIR, ELOOP, ...); text is
 * decoded as readFileSync(fd, "utf8") decodes it (bun:ffi's CString, compared byte for byte in
 * tests/system/libc-files.test.ts). A path that cannot be handed to C as node:fs would hand it
 * (a NUL in it, a lone surrogate) is refused with an error, never opened as something else.
 */
import { printableInLine, textInLine } from "./printable.ts";
import { finishWrite, writeAll } from "./write-all.ts";

/** What the lean tier reads of a file's status: node:fs's Stats has all of it. */
export interface FileStats {
  mode: number;
  uid: number;
  gid: number;
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isCharacterDevice(): boolean;
}

/** The node:fs calls the lean tier makes (node:fs itself is one). */
export interface LeanFiles {
  constants: { O_RDONLY: number; O_NONBLOCK: number; O_NOFOLLOW: number };
  openSync(path: string, flags: number): number;
  fstatSync(fd: number): FileStats;
  lstatSync(path: string): FileStats;
  readFileSync(fd: number, encoding: "utf8"): string;
  closeSync(fd: number): void;
  /**
   * libc only: writes a text of ASCII characters with one write(2), and says how many bytes
   * went; -1 when nothing was written (an error, a full non-blocking pipe) or the text holds
   * another character. The caller goes on the usual way (system/write-all.ts).
   */
  writeAscii?(fd: number, text: string): number;
}

/** Each architecture's open flags (asm-generic and arm64's own fcntl.h). */
const OPEN_FLAGS: Record<string, LeanFiles["constants"]> = {
  x64: { O_RDONLY: 0, O_NONBLOCK: 0o4000, O_NOFOLLOW: 0o400000 },
  arm64: { O_RDONLY: 0, O_NONBLOCK: 0o4000, O_NOFOLLOW: 0o100000 },
};
const O_CLOEXEC = 0o2000000; // as Bun opens every file
const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_EMPTY_PATH = 0x1000;
/** STATX_BASIC_STATS asked; type, mode, uid, gid and size must come back. */
const STATX_BASIC_STATS = 0x7ff;
const STATX_NEEDED = 0x1 | 0x2 | 0x8 | 0x10 | 0x200;
const EINTR = 4;
/** Bytes past which readFileSync leaves the file to node:fs (a few hundred profiles). */
const LARGE_FILE = 256 * 1024;
/** Linux's numbers (the same on x64 and arm64) for node's codes. */
const ERRNO_CODES: Record<number, string> = {
  1: "EPERM",
  2: "ENOENT",
  4: "EINTR",
  5: "EIO",
  9: "EBADF",
  11: "EAGAIN",
  12: "ENOMEM",
  13: "EACCES",
  20: "ENOTDIR",
  21: "EISDIR",
  24: "EMFILE",
  36: "ENAMETOOLONG",
  40: "ELOOP",
  75: "EOVERFLOW",
};

interface Libc {
  openat(dirfd: number, path: Uint8Array, flags: number, mode: number): number;
  statx(dirfd: number, path: Uint8Array, flags: number, mask: number, out: Uint32Array): number;
  read(fd: number, buffer: number, length: number): number | bigint;
  write(fd: number, buffer: Uint8Array, length: number): number | bigint;
  close(fd: number): number;
  __errno_location(): number;
}

/** The types of the functions above, by bun:ffi's names for them. */
const SYMBOLS = {
  openat: { args: ["i32", "ptr", "i32", "u32"], returns: "i32" },
  statx: { args: ["i32", "ptr", "i32", "u32", "ptr"], returns: "i32" },
  read: { args: ["i32", "ptr", "u64"], returns: "i64_fast" },
  write: { args: ["i32", "ptr", "u64"], returns: "i64_fast" },
  close: { args: ["i32"], returns: "i32" },
  __errno_location: { args: [], returns: "ptr" },
} as const;

/** What this module uses of bun:ffi: dlopen, pointers, C strings and reading an int. */
export interface Ffi {
  dlopen(path: string, symbols: typeof SYMBOLS): { symbols: unknown };
  ptr(view: Uint8Array, offset?: number): number;
  CString: new (pointer: number, offset: number, length: number) => { toString(): string };
  read: { i32(pointer: number, offset: number): number };
}

/**
 * bun:ffi's functions from Bun's own object (`Bun.FFI`), which the bun:ffi module wraps: its
 * dlopen, CString and read are that object's, its ptr a one-line arrow around it. Loading the
 * module (Bun evaluates its JavaScript at each start) cost a cached login ~0.2 ms of CPU and
 * 1 MiB of RSS. Where a Bun has no such object, the module.
 */
export async function bunFfi(): Promise<Ffi> {
  const native = (globalThis.Bun as unknown as { FFI?: Partial<Ffi> } | undefined)?.FFI;
  if (
    typeof native?.dlopen === "function" &&
    typeof native.ptr === "function" &&
    typeof native.CString === "function" &&
    typeof native.read?.i32 === "function"
  ) {
    return native as Ffi;
  }
  return (await import("bun:ffi")) as unknown as Ffi;
}

/**
 * The calls through libc, or undefined where they cannot be had (see above). `ffi` is for the
 * tests, which make the calls through the bun:ffi module as well.
 */
export async function libcFiles(
  platform: string,
  arch: string,
  ffi: () => Promise<Ffi> = bunFfi,
): Promise<LeanFiles | undefined> {
  const constants = OPEN_FLAGS[arch];
  if (platform !== "linux" || !constants) return undefined;
  let loaded: Ffi;
  let libc: Libc;
  try {
    loaded = await ffi();
    libc = symbolsOf(loaded.dlopen("libc.so.6", SYMBOLS)) as unknown as Libc;
  } catch {
    return undefined;
  }
  return new LibcCalls(loaded, libc, constants);
}

/**
 * dlopen's functions, or a throw when it could not give them all. Bun.FFI's dlopen returns
 * the error (a library or a symbol not found: a libc without statx, glibc before 2.28) where
 * the bun:ffi module, which wraps it, throws it: taken as functions, the lean tier's first call
 * failed and every cached login fell through to the general tier.
 */
function symbolsOf(opened: unknown): Record<keyof typeof SYMBOLS, unknown> {
  if (opened instanceof Error) throw opened;
  const symbols = (opened as { symbols?: Record<string, unknown> } | undefined)?.symbols;
  for (const name of Object.keys(SYMBOLS)) {
    if (typeof symbols?.[name] !== "function") throw new Error(`no ${name} in libc`);
  }
  return symbols as Record<keyof typeof SYMBOLS, unknown>;
}

/**
 * writeAll (write-all.ts) through libc's write where `files` can: a text of ASCII characters
 * in one write(2), all it takes into a pipe or a file. A write cut short goes on as writeAll
 * goes on; one that wrote nothing (an error, a full non-blocking pipe, a character past ASCII)
 * is made again by writeAll, which says what went wrong as it always does.
 */
export function writeAllThrough(files: LeanFiles): (fd: number, text: string) => void {
  if (!files.writeAscii) return writeAll;
  return (fd, text) => {
    const written = files.writeAscii!(fd, text);
    if (written === text.length) return;
    if (written > 0) finishWrite(fd, text, written);
    else writeAll(fd, text);
  };
}

class LibcStats implements FileStats {
  constructor(
    readonly mode: number,
    readonly uid: number,
    readonly gid: number,
    readonly size: number,
  ) {}
  isFile(): boolean {
    return (this.mode & 0o170000) === 0o100000;
  }
  isDirectory(): boolean {
    return (this.mode & 0o170000) === 0o040000;
  }
  isSymbolicLink(): boolean {
    return (this.mode & 0o170000) === 0o120000;
  }
  isCharacterDevice(): boolean {
    return (this.mode & 0o170000) === 0o020000;
  }
}

class LibcCalls implements LeanFiles {
  /** struct statx, 256 bytes, read as 32-bit words (little-endian, as both are). */
  private readonly statBuffer = new Uint32Array(64);
  private readonly noPath = new Uint8Array(1);
  private readBuffer = new Uint8Array(8 * 1024);
  /** errno's address on this (the main) thread, asked for at the first failure. */
  private errnoAt: number | undefined;
  /**
   * The size the last fstatSync saw, and of which fd: the lean tier fstats each file just
   * before reading it, so readFileSync takes that size instead of asking statx again (one
   * call less per file on the cached path). Forgotten when the fd is closed.
   */
  private lastSize: { fd: number; size: number } | undefined;

  constructor(
    private readonly ffi: Ffi,
    private readonly libc: Libc,
    readonly constants: LeanFiles["constants"],
  ) {}

  openSync(path: string, flags: number): number {
    const fd = this.libc.openat(AT_FDCWD, cPath(path), flags | O_CLOEXEC, 0);
    if (fd < 0) throw this.failure("open", path);
    return fd;
  }

  fstatSync(fd: number): FileStats {
    const stats = this.stat(fd, this.noPath, AT_EMPTY_PATH, "fstat", "");
    this.lastSize = { fd, size: stats.size };
    return stats;
  }

  lstatSync(path: string): FileStats {
    return this.stat(AT_FDCWD, cPath(path), AT_SYMLINK_NOFOLLOW, "lstat", path);
  }

  readFileSync(fd: number, encoding: "utf8"): string {
    // A large file (thousands of profiles) is node:fs's to read: its load (~1.2 ms) is small
    // there, and this reader's buffer, grown by doubling and kept for the next file, made the
    // cached login at 100,000 profiles ~11 ms slower and ~14 MiB larger than node:fs.
    // The size only picks the reader: both read to the end, so a file that grew or shrank
    // since the caller's fstat still reads whole, as node:fs reads it.
    const size = this.lastSize?.fd === fd ? this.lastSize.size : this.fstatSync(fd).size;
    if (size > LARGE_FILE) {
      const { readFileSync } = require("node:fs") as typeof import("node:fs");
      return readFileSync(fd, encoding);
    }
    let length = 0;
    for (;;) {
      if (length === this.readBuffer.length) {
        const larger = new Uint8Array(this.readBuffer.length * 2);
        larger.set(this.readBuffer);
        this.readBuffer = larger;
      }
      const at = this.ffi.ptr(this.readBuffer, length);
      const got = Number(this.libc.read(fd, at, this.readBuffer.length - length));
      if (got === 0) break;
      if (got < 0) {
        if (this.errno() === EINTR) continue;
        throw this.failure("read", "");
      }
      length += got;
    }
    // CString with a length decodes that many bytes as UTF-8, NULs and bad bytes as
    // readFileSync does; with none it would read up to a NUL.
    if (length === 0) return "";
    return new this.ffi.CString(this.ffi.ptr(this.readBuffer), 0, length).toString();
  }

  closeSync(fd: number): void {
    // The number is free for the next file opened: its size is not this one's.
    if (this.lastSize?.fd === fd) this.lastSize = undefined;
    this.libc.close(fd);
  }

  writeAscii(fd: number, text: string): number {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return -1;
      bytes[i] = c;
    }
    if (bytes.length === 0) return 0;
    const wrote = Number(this.libc.write(fd, bytes, bytes.length));
    return wrote < 0 ? -1 : wrote;
  }

  private stat(fd: number, path: Uint8Array, flags: number, call: string, shown: string) {
    const out = this.statBuffer;
    if (this.libc.statx(fd, path, flags, STATX_BASIC_STATS, out) !== 0) {
      throw this.failure(call, shown);
    }
    // stx_mask at 0, stx_uid at 0x14, stx_gid at 0x18, stx_mode at 0x1c (16 bits), stx_size at 0x28.
    if ((out[0]! & STATX_NEEDED) !== STATX_NEEDED) {
      throw Object.assign(new Error(`${call}: no status for ${printableInLine(shown)}`), {
        code: "EUNKNOWN",
      });
    }
    const size = out[10]! + out[11]! * 2 ** 32;
    return new LibcStats(out[7]! & 0xffff, out[5]!, out[6]!, size);
  }

  private errno(): number {
    // Nothing between the failed call and here calls into libc (no allocation, no GC).
    this.errnoAt ??= this.libc.__errno_location();
    return this.ffi.read.i32(this.errnoAt, 0);
  }

  private failure(call: string, path: string): NodeJS.ErrnoException {
    const errno = this.errno();
    const code = ERRNO_CODES[errno] ?? `E${errno}`;
    // The path in one line: the message may reach a person (an unexpected error, a note).
    return Object.assign(new Error(`${code}: ${call} ${printableInLine(path)}`), {
      code,
      errno: -errno,
    });
  }
}

/**
 * The path as node:fs hands it to C: UTF-8 and a NUL. A NUL inside (node:fs refuses it) or a
 * lone surrogate (which Bun would encode as it sees fit) is refused here too.
 */
function cPath(path: string): Uint8Array {
  const bytes = new Uint8Array(path.length * 3 + 1);
  let n = 0;
  for (let i = 0; i < path.length; i++) {
    let c = path.charCodeAt(i);
    if (c === 0) throw refused(path);
    if (c < 0x80) {
      bytes[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = path.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) throw refused(path);
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
    } else if (c < 0x10000) {
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
    } else {
      bytes[n++] = 0xf0 | (c >> 18);
      bytes[n++] = 0x80 | ((c >> 12) & 0x3f);
      bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
    }
    bytes[n++] = 0x80 | (c & 0x3f);
  }
  bytes[n] = 0;
  return bytes;
}

function refused(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`not a path for C: ${textInLine(JSON.stringify(path))}`), {
    code: "ERR_INVALID_ARG_VALUE",
  });
}
