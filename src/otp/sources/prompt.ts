/**
 * Asks the person at the terminal. A malformed answer is asked again (3 tries in all) before
 * anything reaches AWS, so a typo never burns a code. Each question waits at most the
 * code-source timeout (--otp-timeout, AWSMFA_OTP_TIMEOUT, awsmfa_otp_timeout; default 60 s),
 * as the code dialog does, and then fails with exit 8: the MFA lock is held while it waits,
 * and every other caller waits on that (they fail with it too: otp's fail marker).
 */

import { exactDuration } from "../../config/durations.ts";
import type { Terminal } from "../../deps.ts";
import { UsageError } from "../../errors.ts";
import { printableInLine } from "../../system/printable.ts";
import { askText, noTerminalError } from "../../ui/prompts.ts";
import { findDialog } from "../dialog-programs.ts";
import { otpSourceError } from "../errors.ts";
import { normaliseCode, type OtpRequest, type OtpSource, type OtpSourceKind } from "../source.ts";
import { askInDialog, DIALOG_DEFAULT_TIMEOUT_MS } from "./dialog.ts";

export const PROMPT_TRIES = 3;

/**
 * The prompt; with no terminal, a desktop dialog when one can be shown (an IDE or a GUI app
 * running credential_process), given `timeoutMs` to be answered.
 */
export function promptSourceWith(timeoutMs: number): OtpSource {
  return {
    name: "prompt",
    automatic: false,
    available: async (deps) => deps.terminal() !== null || "program" in (await findDialog(deps)),
    async code(request, deps) {
      const terminal = deps.terminal();
      if (terminal) return askAtTerminal(terminal, request, timeoutMs);
      const dialog = await findDialog(deps);
      if ("program" in dialog) return askInDialog(dialog.program, request, timeoutMs, deps);
      throw noTerminalError(
        `an MFA code for ${printableInLine(request.profile)}`,
        `Pass it with --otp 123456, or --otp - to read it from stdin, or set a code source for the profile (awsmfa sources). No desktop dialog either: ${dialog.missing}.`,
      );
    },
  };
}

export const promptSource: OtpSource = promptSourceWith(DIALOG_DEFAULT_TIMEOUT_MS);

async function askAtTerminal(
  terminal: Terminal,
  request: OtpRequest,
  timeoutMs: number,
): Promise<string> {
  if (request.previousProblem) terminal.write(`${request.previousProblem}\n`);
  // Shown in one line (system/printable.ts): the question is one line at the terminal.
  const device = printableInLine(request.serial.replace(/^arn:[^:]+:iam::/, ""));
  const profile = printableInLine(request.profile);
  // Not an OtpUnavailableError: nobody is at this terminal, so falling back to it is no help.
  const deadline = {
    ms: timeoutMs,
    expired: () =>
      otpSourceError(
        `The MFA code for ${profile} was not typed within ${exactDuration(timeoutMs / 1000)}; awsmfa stopped asking and sent nothing to AWS.`,
        "Run the command again and type the code, or allow more time with --otp-timeout 2m (AWSMFA_OTP_TIMEOUT, awsmfa_otp_timeout in the profile).",
      ),
  };
  for (let tries = 1; tries <= PROMPT_TRIES; tries++) {
    const answer = await askText(terminal, `MFA code for ${profile} (${device}):`, deadline);
    const code = normaliseCode(answer);
    if (code) return code;
    terminal.write(
      tries < PROMPT_TRIES
        ? `That is not a 6-digit code. (${PROMPT_TRIES - tries} ${PROMPT_TRIES - tries === 1 ? "try" : "tries"} left)\n`
        : "",
    );
  }
  throw new UsageError(
    `No valid 6-digit code after ${PROMPT_TRIES} tries; nothing was sent to AWS.`,
    {
      hint: "Run the command again and type the 6 digits your MFA device shows.",
    },
  );
}

export const promptKind: OtpSourceKind = {
  name: "prompt",
  aliases: ["terminal"],
  summary: "type the code at a prompt on the terminal (the default)",
  automatic: false,
  keys: [],
  availability: async (deps) => {
    if (deps.terminal()) return { available: true, detail: "a terminal is open" };
    const dialog = await findDialog(deps);
    return "program" in dialog
      ? { available: true, detail: `no terminal here; a ${dialog.program.kind} dialog instead` }
      : { available: false, detail: `no terminal here, and no dialog: ${dialog.missing}` };
  },
  create: (settings) => promptSourceWith(settings.timeoutMs),
};
