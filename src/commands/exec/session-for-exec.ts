/**
 * The session for `awsmfa exec`, got without leaving a read on the terminal behind.
 *
 * A prompt leaves a read on the terminal that cannot be cancelled (see terminal.ts), and the
 * program exec then runs shares that terminal: the read would steal its first line of input.
 * So exec never prompts itself. It tries without a terminal (the cached path, --otp, stdin);
 * when a question is needed, `awsmfa credential-process` asks it in a process of its own, which
 * ends (and its read with it) before the program starts, and leaves the session in the cache.
 */
import { constants } from "node:os";
import type { AwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import {
  CancelledError,
  INTERRUPT_SIGNALS,
  type InterruptSignal,
  signalExitCode,
  UserError,
} from "../../errors.ts";
import { getSession } from "../../session/get-session.ts";
import type { SessionRequest, SessionResult } from "../../session/request.ts";

export async function sessionForExec(
  files: AwsFiles,
  request: SessionRequest,
  helperFlags: readonly string[],
  deps: Deps,
): Promise<SessionResult | { exitCode: number }> {
  // With a person at the terminal, the helper asks there; no desktop dialog meanwhile.
  const env = deps.terminal() ? { ...deps.env, AWSMFA_DIALOG: "0" } : deps.env;
  const withoutTerminal: Deps = { ...deps, env, terminal: () => null };
  try {
    return await getSession(files, request, withoutTerminal);
  } catch (error) {
    const needsTerminal = error instanceof UserError && error.code === "noTerminal";
    if (!needsTerminal || deps.terminal() === null) throw error;
  }
  const [program, ...prefix] = deps.selfCommand as [string, ...string[]];
  const helper = await deps.exec(
    program,
    [...prefix, "credential-process", request.profile, ...helperFlags],
    { env: deps.env },
  );
  if (helper.code !== 0) {
    deps.io.stderr.write(helper.stderr);
    // Ended by a signal (killed at its prompt): 128 + n, as a shell reports it, not 1.
    const signal = helper.signal ? constants.signals[helper.signal as NodeJS.Signals] : undefined;
    return { exitCode: helper.code ?? (signal === undefined ? 1 : 128 + signal) };
  }
  // The helper left the session in the cache: this is now the cached path.
  return getSession(files, { ...request, force: false }, withoutTerminal);
}

/**
 * Why a renewal got no session, from the exit code sessionForExec() returned: a signal that
 * ended the helper's question (Ctrl-C 130, SIGTERM 143, SIGHUP 129: it exits with them after
 * cleaning up, or the shell's numbers when killed outright) is a cancel, as Ctrl-C is, not a
 * failure to renew; the error keeps the signal, and with it that exit code (errors.ts).
 */
export function renewalError(exitCode: number): UserError {
  const signal = (Object.keys(INTERRUPT_SIGNALS) as InterruptSignal[]).find(
    (name) => signalExitCode(name) === exitCode,
  );
  if (signal === undefined) return new UserError("awsmfa could not renew the session.");
  return new CancelledError(signal === "SIGINT" ? "Cancelled." : `Cancelled by ${signal}.`, {
    signal,
  });
}

/** The command-line flags that make the helper ask for the same session. No secrets. */
export function helperFlags(request: SessionRequest): string[] {
  const flags = [
    "--duration",
    String(request.durationSeconds),
    "--min-remaining",
    String(request.minRemainingSeconds),
  ];
  if (request.roleDurationSeconds !== undefined) {
    flags.push("--role-duration", String(request.roleDurationSeconds));
  }
  if (request.longTermProfile) flags.push("--long-term-profile", request.longTermProfile);
  if (request.serial) flags.push("--serial", request.serial);
  if (request.region) flags.push("--region", request.region);
  return flags;
}
