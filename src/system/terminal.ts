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
import { printableLine } from "./printable.ts";

export function openTerminal(platform: NodeJS.Platform): Terminal | null {
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
      input ??= new tty.ReadStream(inFd);
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
      writeAll(outFd, printableLine(text));
    },
  };
}

/** Synchronous write of the whole text, retrying when a non-blocking fd is full. */
export function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    }
  }
}
