/**
 * The deadline of every write of awsmfa's output, and what is said when a reader takes nothing
 * for that long or the output cannot be written at all: one place for writer.ts (the general
 * writer) and prompt.ts (Bun's writer). Free of node:fs, which `prompt` does not load.
 */
import { UserError } from "../errors.ts";

/** How long a write may wait for a reader that takes nothing (a stopped pager, a full pipe). */
export const WRITE_STALL_MS = 30_000;

export function stalledOutput(cause?: unknown): UserError {
  return new UserError(
    `awsmfa gave up writing its output: nothing read it for ${WRITE_STALL_MS / 1000} s.`,
    {
      code: "failure",
      hint: "Whatever reads awsmfa's output (a pager, a pipe) stopped reading. Run the command again.",
      cause,
    },
  );
}

/**
 * stdout could not take awsmfa's output (closed, a full disk, an I/O error): the credentials
 * or shell code never reached whoever asked, so the run fails rather than end with 0.
 */
export function unwritableOutput(cause: unknown): UserError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "EBADF"
      ? "standard output is closed"
      : code === "ENOSPC" || code === "EDQUOT"
        ? "the disk it goes to is full"
        : `writing to standard output failed (${code ?? String(cause)})`;
  return new UserError(`Could not write the output: ${why}.`, {
    code: "failure",
    hint:
      code === "EBADF"
        ? "Nothing was printed. Run the command again with standard output open (without `>&-`)."
        : "Nothing usable was printed. Send the output somewhere that can take it and run the command again.",
    cause,
  });
}
