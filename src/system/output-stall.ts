/**
 * The deadline of every write of awsmfa's output, and what is said when a reader takes nothing
 * for that long: one place for writer.ts (the general writer) and prompt.ts (Bun's writer).
 * Free of node:fs, which `prompt` does not load.
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
