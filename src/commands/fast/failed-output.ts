/**
 * What the fast path says when it could not finish writing its output (stdout closed, a full
 * disk, a reader that took nothing for 30 s): the full CLI's one error printer, on stderr,
 * and the exit code of the error. The tiers write only after they have succeeded, so this is
 * all that is left to do; loaded only then, never by a run that succeeds.
 */
import type { Io } from "../../deps.ts";
import { exitCodeFor, UserError } from "../../errors.ts";
import { quoteForUser } from "../../output/mode.ts";
import { writer } from "../../system/writer.ts";
import { printError } from "../../ui/report.ts";

export function reportFastFailure(
  error: unknown,
  env: Readonly<Record<string, string | undefined>>,
  isTerminal: (fd: number) => boolean,
): number {
  const io: Io = {
    readLine: async () => null,
    stdinIsTTY: false,
    // stdout is what failed: nothing more goes there.
    stdout: { write: () => {}, isTTY: false },
    stderr: writer(2, isTerminal),
  };
  const reported = fromLeanTier(error);
  printError(reported, { env, io }, quoteForUser(env));
  return exitCodeFor(reported);
}

/**
 * The lean tiers are bundled with copies of the modules they use (scripts/build/fast-entry.ts),
 * so the UserError they throw is an instance of a copy of the class: taken over by its fields.
 */
function fromLeanTier(error: unknown): unknown {
  if (error instanceof UserError || !(error instanceof Error) || error.name !== "UserError") {
    return error;
  }
  const { hint, code } = error as UserError;
  return new UserError(error.message, { hint, code, cause: error.cause });
}
