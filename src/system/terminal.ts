/**
 * The real controlling terminal. Prompts must never touch stdout (it is captured by
 * `eval "$(awsmfa ...)"`) so they talk to /dev/tty, or CONIN$/CONOUT$ on Windows.
 *
 * One input stream serves the whole process: Bun's tty.ReadStream reads with a blocking
 * read(2) that destroy() cannot cancel, so a second stream would lose keys to the first.
 * main.ts exits explicitly for the same reason. Each prompt gets its own output stream
 * because prompts end() their output when they finish.
 */
import { openSync } from "node:fs";
import { createRequire } from "node:module";
import type { ReadStream } from "node:tty";
import type { Terminal } from "../deps.ts";
import { UserError } from "../errors.ts";
import { inTerminalForeground } from "./foreground.ts";
import { WRITE_STALL_MS } from "./output-stall.ts";
import { printableLine } from "./printable.ts";
import { openConsoleMode } from "./windows-console.ts";
import { writeAll } from "./write-all.ts";

/** process.on(SIGINT, handler) from main.ts, returning the matching off. */
export type OnInterrupt = (handler: () => void) => () => void;

export function openTerminal(
  platform: NodeJS.Platform,
  onInterrupt?: OnInterrupt,
  pid?: number,
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
    ...(platform !== "win32" && pid !== undefined
      ? { watchForeground: (lost: () => void) => watchForeground(platform, pid, lost) }
      : {}),
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

/**
 * A prompt whose process is no longer in the terminal's foreground group: the program that
 * ran awsmfa (the AWS CLI, an SDK, exec) was killed and the shell took the terminal back. The
 * read already waiting would take the next line the person types for the shell (a command, a
 * password) as the answer, so the question must end at once. Only a prompt that started in
 * the foreground is watched: one that works from elsewhere is left as it was.
 */
function watchForeground(platform: NodeJS.Platform, pid: number, lost: () => void): () => void {
  if (!inTerminalForeground(platform, pid)) return () => undefined;
  const timer = setInterval(
    () => {
      if (inTerminalForeground(platform, pid)) return;
      clearInterval(timer);
      lost();
    },
    // /proc/self/stat is a cheap read; elsewhere it is a `ps` per look.
    platform === "linux" ? 200 : 1000,
  );
  timer.unref?.();
  return () => clearInterval(timer);
}
