/**
 * Writing a whole text to a file descriptor that may be non-blocking (a pipe a shell or an SDK
 * reads): the one way awsmfa writes its output (writer.ts) and the terminal's text
 * (terminal.ts). Apart from terminal.ts so that the cached fast path loads only this.
 */
import { WRITE_STALL_MS } from "./output-stall.ts";

/**
 * node:fs's writeSync, required at the first write: the lean tier bundles this module and
 * writes through libc first (system/libc-files.ts), without loading node:fs (~1.2 ms). Kept
 * once required: a require of a loaded module still costs a lookup at each write (a fresh
 * login writes three times).
 */
function writeSync(fd: number, data: string | Uint8Array, offset?: number): number {
  nodeFs ??= require("node:fs") as typeof import("node:fs");
  const fs = nodeFs;
  return offset === undefined
    ? fs.writeSync(fd, data as string)
    : fs.writeSync(fd, data as Uint8Array, offset);
}

let nodeFs: typeof import("node:fs") | undefined;

/**
 * Synchronous write of the whole text, retrying when a non-blocking fd is full: with a backoff
 * (1 ms doubling to 50 ms, slept, not spun) and a deadline. A reader that takes nothing for
 * `stallMs` (counted from the last byte it took) ends the write with an ETIMEDOUT error.
 * The text is written as a string first: encoding it (TextEncoder, Buffer) costs the small
 * cached paths memory and time, and only a write cut short needs the bytes to go on from.
 */
export function writeAll(fd: number, text: string, stallMs = WRITE_STALL_MS): void {
  let offset = 0;
  try {
    offset = writeSync(fd, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
  }
  if (offset === byteLength(text)) return;
  writeRest(fd, text, offset, stallMs);
}

/** The rest of a write another writer began: `written` bytes of `text` went already. */
export function finishWrite(fd: number, text: string, written: number): void {
  writeRest(fd, text, written, WRITE_STALL_MS);
}

/**
 * The rest of a write cut short, as bytes. Apart from writeAll because JavaScriptCore looks up
 * the globals a function names when it first runs it, and Bun makes TextEncoder (like Buffer)
 * only when it is first looked up: named in writeAll, it cost every cached run its setup.
 */
function writeRest(fd: number, text: string, written: number, stallMs: number): void {
  writeBytesFrom(fd, new TextEncoder().encode(text), written, stallMs);
}

/** writeAll for bytes, for a caller that has them already (writer.ts's writeBytes). */
export function writeAllBytes(fd: number, bytes: Uint8Array, stallMs = WRITE_STALL_MS): void {
  let offset = 0;
  try {
    offset = writeSync(fd, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
  }
  if (offset < bytes.length) writeBytesFrom(fd, bytes, offset, stallMs);
}

/** The bytes from `written` on, retried with writeAll's backoff and deadline. */
function writeBytesFrom(fd: number, bytes: Uint8Array, written: number, stallMs: number): void {
  let offset = written;
  let delay = 1;
  let since = Date.now();
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
      delay = 1;
      since = Date.now();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      if (Date.now() - since >= stallMs) throw stalled(stallMs);
      sleepSync(delay);
      delay = Math.min(delay * 2, 50);
    }
  }
}

function stalled(ms: number): NodeJS.ErrnoException {
  const seconds = Math.round(ms / 100) / 10;
  return Object.assign(new Error(`nothing was read from the output for ${seconds} s`), {
    code: "ETIMEDOUT",
  });
}

/** Made on the first wait, not when the module loads: every cached run loads it. */
let pause: Int32Array | undefined;
/** A synchronous sleep that uses no CPU (the writes around it are synchronous too). */
function sleepSync(ms: number): void {
  pause ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(pause, 0, 0, ms);
}

/**
 * utf8Length, natively for long texts (`list` writes pieces of 64 KiB: counted in JavaScript,
 * 7 MB took ~25 ms); the short texts of the cached paths keep the loop, which loads nothing.
 */
function byteLength(text: string): number {
  return text.length < 4096 ? utf8Length(text) : nativeLength(text);
}

/**
 * Buffer in a function of its own: a function that names Buffer makes it when it first runs
 * (see writeRest), ~0.4 ms of a cached login that never takes this branch.
 */
function nativeLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The length of `text` in UTF-8, as writeSync counts it (a lone surrogate is 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
