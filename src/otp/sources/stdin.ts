/** `--otp -`: one line from standard input (`op item get ... --otp | awsmfa prod --otp -`). */

import { formatDuration } from "../../config/durations.ts";
import { UsageError } from "../../errors.ts";
import { OtpUnavailableError } from "../errors.ts";
import { normaliseCode, type OtpSource, type OtpSourceKind } from "../source.ts";

/** Waits at most `timeoutMs` (--otp-timeout) for the line: a writer may never write. */
export const stdinSource = (timeoutMs: number): OtpSource => ({
  name: "stdin",
  automatic: false,
  available: async () => true,
  async code(request, deps) {
    if (request.attempt > 1) {
      throw new UsageError(
        "The code read from stdin was refused, and stdin cannot be read again.",
        {
          hint: "Run the command again with the next code.",
        },
      );
    }
    const line = await deps.io.readLine(timeoutMs);
    if (line === undefined) {
      throw new OtpUnavailableError(
        `--otp - reads the code from stdin, but no line arrived within ${formatDuration(timeoutMs / 1000)}.`,
        "Check the command that pipes the code in, or allow more time with --otp-timeout " +
          "(or AWSMFA_OTP_TIMEOUT, awsmfa_otp_timeout).",
      );
    }
    if (line === null) {
      throw new UsageError("--otp - reads the code from stdin, but stdin was empty.", {
        hint: "Pipe the code in: echo 123456 | awsmfa login prod --otp -",
      });
    }
    const code = normaliseCode(line);
    if (!code) {
      throw new UsageError("The line read from stdin is not a 6-digit code.", {
        hint: "Pipe exactly the code from your MFA device, e.g. echo 123456 | awsmfa login prod --otp -",
      });
    }
    return code;
  },
});

export const stdinKind: OtpSourceKind = {
  name: "stdin",
  aliases: [],
  summary: "--otp -: one line from standard input",
  automatic: false,
  keys: [],
  availability: async () => ({ available: true, detail: "always" }),
};
