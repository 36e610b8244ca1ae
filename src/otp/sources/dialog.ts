/**
 * Asks for the code in a desktop dialog (otp/dialog-programs.ts): chosen with
 * `awsmfa_otp_source = dialog`, and used by the terminal prompt when there is no terminal
 * (credential_process run by an IDE). It names the profile and the device, takes only 6
 * digits (asks again, 3 tries in all, before anything reaches AWS), treats Cancel like
 * Ctrl-C, and gives up after the code-source timeout (AWSMFA_OTP_TIMEOUT, default 60 s).
 */
import { formatDuration } from "../../config/durations.ts";
import { CancelledError, UsageError } from "../../errors.ts";
import { printableInLine, textInLine } from "../../system/printable.ts";
import { type DialogProgram, findDialog, showDialog } from "../dialog-programs.ts";
import { OtpUnavailableError, otpSourceError } from "../errors.ts";
import { normaliseCode, type OtpRequest, type OtpSource, type OtpSourceKind } from "../source.ts";

/** Tries a person gets to type 6 digits, as at the terminal prompt. */
const DIALOG_TRIES = 3;
/** The code-source timeout's default (otp/resolve.ts), for the prompt's fallback. */
export const DIALOG_DEFAULT_TIMEOUT_MS = 60_000;

export function dialogSource(timeoutMs: number): OtpSource {
  return {
    name: "dialog",
    automatic: false,
    available: async (deps) => "program" in (await findDialog(deps)),
    async code(request, deps) {
      const found = await findDialog(deps);
      if (!("program" in found)) {
        throw new OtpUnavailableError(
          `awsmfa cannot show a dialog to ask for the MFA code of ${printableInLine(request.profile)}: ${found.missing}.`,
          "Run it where a desktop is available, or pass the code with --otp, or set a code source (awsmfa sources).",
        );
      }
      return askInDialog(found.program, request, timeoutMs, deps);
    },
  };
}

export async function askInDialog(
  program: DialogProgram,
  request: OtpRequest,
  timeoutMs: number,
  deps: Parameters<OtpSource["code"]>[1],
): Promise<string> {
  // Shown escaped like any value on a line (system/printable.ts): a tab, line break or escape
  // in a profile name would otherwise reach the dialog's label as it is.
  const device = printableInLine(request.serial.replace(/^arn:[^:]+:iam::/, ""));
  const profile = printableInLine(request.profile);
  let problem = request.previousProblem ? `${request.previousProblem}\n\n` : "";
  for (let tries = 1; tries <= DIALOG_TRIES; tries++) {
    const text = `${problem}MFA code for ${profile}\n(device ${device}):`;
    const answer = await showDialog(program, text, timeoutMs, deps);
    if (answer.kind === "cancel") throw new CancelledError();
    if (answer.kind === "timeout") {
      throw otpSourceError(
        `The dialog asking for the MFA code of ${profile} was not answered within ${formatDuration(timeoutMs / 1000)}; nothing was sent to AWS.`,
        "Run the command again and answer the dialog, or allow more time with AWSMFA_OTP_TIMEOUT=2m (awsmfa_otp_timeout in the profile).",
      );
    }
    if (answer.kind === "failed") {
      throw new OtpUnavailableError(
        `The code dialog (${program.kind}) could not be shown: ${textInLine(answer.detail)}`,
        "Pass the code with --otp, or set a code source (awsmfa sources).",
      );
    }
    const code = normaliseCode(answer.text);
    if (code) return code;
    problem = `That is not a 6-digit code (${DIALOG_TRIES - tries} ${DIALOG_TRIES - tries === 1 ? "try" : "tries"} left).\n\n`;
  }
  throw new UsageError(
    `No valid 6-digit code after ${DIALOG_TRIES} tries; nothing was sent to AWS.`,
    { hint: "Run the command again and type the 6 digits your MFA device shows." },
  );
}

export const dialogKind: OtpSourceKind = {
  name: "dialog",
  aliases: ["gui", "zenity", "kdialog", "osascript"],
  summary: "ask in a desktop dialog (zenity/kdialog, osascript, PowerShell)",
  automatic: false,
  keys: ["timeout"],
  availability: async (deps) => {
    const found = await findDialog(deps);
    return "program" in found
      ? { available: true, detail: `${found.program.kind} (${found.program.path})` }
      : { available: false, detail: found.missing };
  },
  create: (settings) => dialogSource(settings.timeoutMs),
};
