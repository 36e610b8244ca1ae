/**
 * The writers of stdout and stderr, apart from the rest of the real Deps so that the cached
 * fast path (commands/fast/) writes exactly as the full CLI does without loading system/index.ts
 * (which brings fs/promises and child_process).
 */
import type { Writer } from "../deps.ts";
import { stalledOutput, unwritableOutput } from "./output-stall.ts";
import { forPipe, printable } from "./printable.ts";
import { writeAll, writeAllBytes } from "./write-all.ts";

/**
 * A synchronous writer whose isTTY is found out only when someone asks. stderr is for people,
 * so it is made printable; stdout is a protocol (eval, JSON) and made printable only on a
 * terminal, or when it carries awsmfa's colours (forPipe).
 *
 * What a failed write means depends on the stream. stdout carries the credentials or the
 * shell code: when it cannot take them (closed, a full disk, an I/O error) the run fails with
 * unwritableOutput (exit 1), whatever the command printed on stderr before. A closed pipe
 * (`awsmfa list | head`) is a reader that chose to stop: the rest is dropped quietly. stderr
 * is for people; when it cannot be written there is no one to tell, so the run goes on.
 *
 * `platform`, when given, lets stdout find out whether it was closed when awsmfa started
 * (stdoutClosedAtStart): the lean tier, which writes only into pipes and files, leaves it out,
 * and gives its own `write` (one that needs no node:fs: commands/fast/lean.ts).
 */
export function writer(
  fd: number,
  terminalFd: (fd: number) => boolean,
  platform?: NodeJS.Platform,
  write: (fd: number, text: string) => void = writeAll,
): Writer {
  let closed = false;
  let checked = fd !== 1 || platform === undefined;
  /** One write, and what its failure means (above). */
  const send = (put: () => void): void => {
    if (closed) return;
    if (!checked) {
      checked = true;
      if (!terminalFd(fd) && stdoutClosedAtStart(platform!)) {
        closed = true;
        throw unwritableOutput(Object.assign(new Error("stdout is closed"), { code: "EBADF" }));
      }
    }
    try {
      put();
    } catch (error) {
      closed = true;
      if (fd !== 1) return;
      const code = (error as NodeJS.ErrnoException).code;
      // A reader that takes nothing for WRITE_STALL_MS: the protocol cannot be dropped.
      if (code === "ETIMEDOUT") throw stalledOutput(error);
      if (code === "EPIPE") return;
      throw unwritableOutput(error);
    }
  };
  return {
    write: (text) =>
      send(() => write(fd, fd === 2 || terminalFd(fd) ? printable(text) : forPipe(text))),
    // Printable ASCII and line feeds: what printable() and forPipe() leave as they are. Only
    // with writeAll: a writer given its own `write` (the lean tier's) writes text alone.
    writeBytes: write === writeAll ? (bytes) => send(() => writeAllBytes(fd, bytes)) : undefined,
    get isTTY() {
      return terminalFd(fd);
    },
  };
}

/** O_CLOEXEC as Linux shows it in /proc/self/fdinfo (octal 02000000). */
const CLOSE_ON_EXEC = 0o2000000;

/**
 * True when awsmfa started with stdout closed (`awsmfa prod >&-`). Bun then opens /dev/null
 * in its place before any of our code runs, so writes succeed and vanish; that /dev/null is
 * opened close-on-exec, which no shell redirection (`>/dev/null`) does, so Linux tells the
 * two apart in /proc/self/fdinfo. Elsewhere there is no such record: false. Asked once, and
 * only when stdout is a character device (never in the usual pipe of eval mode).
 */
export function stdoutClosedAtStart(platform: NodeJS.Platform): boolean {
  if (platform !== "linux") return false;
  // Required here: the lean tier bundles this module and must not load node:fs (libc-files.ts).
  const { fstatSync, readFileSync, readlinkSync } = require("node:fs") as typeof import("node:fs");
  try {
    if (!fstatSync(1).isCharacterDevice() || readlinkSync("/proc/self/fd/1") !== "/dev/null") {
      return false;
    }
    const info = readFileSync("/proc/self/fdinfo/1", "utf8");
    const start = info.indexOf("flags:");
    if (start < 0) return false;
    const flags = Number.parseInt(
      info
        .slice(start + 6)
        .trim()
        .split("\n")[0]!,
      8,
    );
    return (flags & CLOSE_ON_EXEC) !== 0;
  } catch {
    return false;
  }
}
