/**
 * The writers of stdout and stderr, apart from the rest of the real Deps so that the cached
 * fast path (commands/fast/) writes exactly as the full CLI does without loading system/index.ts
 * (which brings fs/promises and child_process).
 */
import type { Writer } from "../deps.ts";
import { stalledOutput } from "./output-stall.ts";
import { printable } from "./printable.ts";
import { writeAll } from "./write-all.ts";

/**
 * A synchronous writer whose isTTY is found out only when someone asks. stderr is for people,
 * so it is made printable; stdout is a protocol (eval, JSON) and made printable only on a
 * terminal. A closed pipe (`awsmfa ... | head`) is a normal end: the rest is dropped quietly.
 */
export function writer(fd: number, terminalFd: (fd: number) => boolean): Writer {
  let closed = false;
  return {
    write: (text) => {
      if (closed) return;
      try {
        writeAll(fd, fd === 2 || terminalFd(fd) ? printable(text) : text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A reader that takes nothing for WRITE_STALL_MS: people's text is dropped from then
        // on; the protocol on stdout cannot be, so that is a failure.
        if (code === "ETIMEDOUT") {
          closed = true;
          if (fd === 1) throw stalledOutput(error);
          return;
        }
        if (code !== "EPIPE" && code !== "EBADF") throw error;
        closed = true;
      }
    },
    get isTTY() {
      return terminalFd(fd);
    },
  };
}
