/**
 * Runs a program that prints a code (op, bw, ykman, pass, or the user's own command): found on
 * PATH, run without a shell and with a timeout, its stdin closed, the environment passed as it
 * is (so BW_SESSION or OP_SESSION_* reach it without ever being on argv). What it printed is
 * read for the code and otherwise never shown: it might be a secret.
 */

import { formatDuration } from "../config/durations.ts";
import type { Deps } from "../deps.ts";
import { UserError } from "../errors.ts";
import { posixQuote } from "../shell/posix/index.ts";
import { printableInLine } from "../system/printable.ts";
import { findProgram } from "../system/which.ts";
import { OtpUnavailableError, otpSourceError } from "./errors.ts";
import { notice } from "./notice.ts";
import { readCode } from "./read-code.ts";
import type { Availability } from "./source.ts";

/** What a failed run means, judged from its output by the source that knows the tool. */
export type Diagnosis =
  /** Locked, signed out, no device: the person can fix it now, or type the code instead. */
  | { kind: "unavailable"; message: string; hint: string }
  /** The item, entry or account named does not work: the settings need fixing. */
  | { kind: "settings"; message: string; hint: string };

export interface CodeCommand {
  /** The program: a name looked up on PATH, or an absolute path. */
  program: string;
  args: readonly string[];
  /** The tool as people know it: "The 1Password CLI (op)". */
  tool: string;
  /** How to install it, when it is missing. */
  install: string;
  /** The command to show in "run it yourself" hints; undefined when argv may hold secrets. */
  display?: string | undefined;
  /** What to do when it hangs (most often: it waits for an unlock). */
  unlockHint: string;
  timeoutMs: number;
  /** Said on the terminal just before the program runs (ykman: touch your YubiKey). */
  waitingNote?: string | undefined;
  diagnose?(output: string): Diagnosis | undefined;
}

export async function codeFromCommand(
  command: CodeCommand,
  deps: Pick<Deps, "env" | "fs" | "platform" | "homedir" | "exec" | "terminal" | "io">,
): Promise<string> {
  const path = await findProgram(command.program, deps);
  if (!path) throw notInstalled(command);
  if (command.waitingNote) notice(deps, command.waitingNote);
  const result = await deps.exec(path, command.args, {
    env: { ...deps.env },
    timeoutMs: command.timeoutMs,
    input: "",
  });
  const name = `\`${command.program}\``;
  const rerun = command.display
    ? `Run it yourself to see why: ${command.display}`
    : "Run the command yourself to see why.";
  if (result.spawnError) {
    const code = result.spawnError.code;
    if (code === "ENOENT" || code === "EACCES") throw notInstalled(command);
    if (code === "ENOEXEC") {
      throw otpSourceError(
        `${printableInLine(name)} cannot be run: it is marked executable but is not a program.`,
        "A script needs a first line naming its interpreter, such as #!/bin/sh.",
      );
    }
    throw otpSourceError(
      `Could not start ${printableInLine(name)} (${code ?? "unknown error"}).`,
      rerun,
    );
  }
  if (result.overflowed) {
    throw otpSourceError(
      `${printableInLine(name)} printed more than a code ever needs (over 1 MB) and was stopped; awsmfa did not send anything to AWS.`,
      `Check that it prints only the current one-time password. ${rerun}`,
    );
  }
  if (result.timedOut) {
    throw new OtpUnavailableError(
      `${command.tool} did not answer within ${formatDuration(command.timeoutMs / 1000)}.`,
      `${command.unlockHint} To wait longer, use --otp-timeout ` +
        "(or AWSMFA_OTP_TIMEOUT, awsmfa_otp_timeout).",
    );
  }
  if (result.code !== 0) {
    const diagnosis = command.diagnose?.(`${result.stderr}\n${result.stdout}`);
    if (diagnosis?.kind === "unavailable") {
      throw new OtpUnavailableError(diagnosis.message, diagnosis.hint);
    }
    if (diagnosis?.kind === "settings") {
      throw new UserError(diagnosis.message, { hint: diagnosis.hint, code: "config" });
    }
    const status = result.code === null ? `signal ${result.signal}` : `status ${result.code}`;
    throw otpSourceError(
      `${printableInLine(name)} failed (exit ${status}) and gave no code.`,
      rerun,
    );
  }
  const reading = readCode(result.stdout);
  if (reading.kind === "code") return reading.code;
  const what =
    reading.kind === "none"
      ? "no 6-digit code"
      : `${reading.count} six-digit numbers, not exactly one code`;
  throw otpSourceError(
    `${printableInLine(name)} printed ${printableInLine(what)}; awsmfa did not send anything to AWS.`,
    `Check that it prints only the current one-time password. ${rerun}`,
  );
}

function notInstalled(command: CodeCommand): OtpUnavailableError {
  const program = `\`${command.program}\``;
  // findProgram looks a bare name up on PATH, runs a full path as it is, and refuses the rest.
  const message = !/[\\/]/.test(command.program)
    ? `${command.tool} is not installed here: ${printableInLine(program)} was not found on PATH.`
    : /^(~?\/|[A-Za-z]:[\\/]|\\\\)/.test(command.program)
      ? `${command.tool} cannot be run: ${printableInLine(program)} is not an executable file.`
      : `${command.tool} cannot be run: ${printableInLine(program)} is a relative path, which awsmfa does not run (it would depend on the current folder).`;
  return new OtpUnavailableError(
    message,
    `${command.install} Or choose another source with --otp-source (see \`awsmfa sources\`).`,
  );
}

/** Whether a program is installed, for `awsmfa sources`. */
export async function programAvailability(
  program: string,
  deps: Pick<Deps, "env" | "fs" | "platform" | "homedir">,
): Promise<Availability> {
  const path = await findProgram(program, deps);
  return path
    ? { available: true, detail: path }
    : { available: false, detail: `\`${printableInLine(program)}\` is not on PATH` };
}

/** A command as a person would type it, for hints: words quoted only where needed. */
export function showCommand(program: string, args: readonly string[]): string {
  return [program, ...args].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : posixQuote(w))).join(" ");
}
