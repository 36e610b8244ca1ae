/**
 * The real controlling terminal. Prompts must never touch stdout (it is captured by
 * `eval "$(awsmfa ...)"`) so they talk to /dev/tty, or CONIN$/CONOUT$ on Windows.
 *
 * One input stream serves the whole process: Bun's tty.ReadStream reads with a blocking
 * read(2) that destroy() cannot cancel, so a second stream would lose keys to the first.
 * main.ts exits explicitly for the same reason. Each prompt gets its own output stream
 * because prompts end() their output when they finish.
 */
import { openSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import type { ReadStream } from "node:tty";
import type { Terminal } from "../deps.ts";
import { UserError } from "../errors.ts";
import { printableLine } from "./printable.ts";
import { openConsoleMode } from "./windows-console.ts";

/** process.on(SIGINT, handler) from main.ts, returning the matching off. */
export type OnInterrupt = (handler: () => void) => () => void;

export function openTerminal(
  platform: NodeJS.Platform,
  onInterrupt?: OnInterrupt,
): Terminal | null {
  const [inPath, outPath] = platform === "win32" ? ["CONIN$", "CONOUT$"] : ["/dev/tty", "/dev/tty"];
  let inFd: number;
  let outFd: number;
  try {
    inFd = openSync(inPath, "r+");
    outFd = inPath === outPath ? inFd : openSync(outPath, "w");
  } catch {
    return null;
  }
  // Loaded here, not at start-up: node:tty costs milliseconds that a cached login cannot spare.
  const tty = createRequire(import.meta.url)("node:tty") as typeof import("node:tty");
  let input: ReadStream | undefined;
  return {
    get input() {
      input ??=
        platform === "win32"
          ? consoleInput(new tty.ReadStream(inFd), onInterrupt)
          : new tty.ReadStream(inFd);
      return input;
    },
    output() {
      const stream = new tty.WriteStream(outFd);
      // A prompt ends its output when done; the terminal must stay usable for the next one.
      stream.end = ((cb?: () => void) => {
        cb?.();
        return stream;
      }) as typeof stream.end;
      return stream;
    },
    write(text: string) {
      try {
        writeAll(outFd, printableLine(text));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ETIMEDOUT") throw error;
        throw new UserError(
          `The terminal took no output for ${WRITE_STALL_MS / 1000} s; awsmfa gave up asking.`,
          {
            code: "noTerminal",
            hint: "Was output paused with Ctrl-S? Press Ctrl-Q, then run the command again.",
            cause: error,
          },
        );
      }
    },
  };
}

/**
 * On Windows, Bun's setRawMode works only for fd 0, and CONIN$ is another fd: raw mode (no
 * echo for the secret, keys one by one, Ctrl-C as a key) goes through the console mode instead.
 * Some consoles (Wine on a Unix terminal) still turn Ctrl-C into a Ctrl-C event while raw;
 * that event is handed to the prompt as the key it stands for, so it cancels the prompt (exit
 * 130, locks released) as on Unix instead of killing awsmfa mid-way.
 */
function consoleInput(stream: ReadStream, onInterrupt?: OnInterrupt): ReadStream {
  let mode: ReturnType<typeof openConsoleMode> | undefined;
  let stopCatching: (() => void) | undefined;
  stream.setRawMode = (raw: boolean) => {
    mode ??= openConsoleMode();
    if (!mode) throw new Error("the Windows console input (CONIN$) cannot be switched to raw mode");
    mode.setRaw(raw);
    stopCatching?.();
    stopCatching = raw ? onInterrupt?.(() => stream.emit("data", Buffer.from([3]))) : undefined;
    // readline reads isRaw back to know the state it left the terminal in.
    (stream as { isRaw: boolean }).isRaw = raw;
    return stream;
  };
  return stream;
}

/** How long a write may wait for a reader that takes nothing (a stopped pager, a full pipe). */
export const WRITE_STALL_MS = 30_000;

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
  const bytes = new TextEncoder().encode(text);
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

const pause = new Int32Array(new SharedArrayBuffer(4));
/** A synchronous sleep that uses no CPU (the writes around it are synchronous too). */
function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/**
 * utf8Length, natively for long texts (`list` writes pieces of 64 KiB: counted in JavaScript,
 * 7 MB took ~25 ms); the short texts of the cached paths keep the loop, which loads nothing.
 */
function byteLength(text: string): number {
  return text.length < 4096 ? utf8Length(text) : Buffer.byteLength(text, "utf8");
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
