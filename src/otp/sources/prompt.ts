/**
 * Asks the person at the terminal. A malformed answer is asked again (3 tries in all) before
 * anything reaches AWS, so a typo never burns a code.
 */
import { UsageError } from "../../errors.ts";
import { askText, noTerminalError } from "../../ui/prompts.ts";
import { normaliseCode, type OtpSource, type OtpSourceKind } from "../source.ts";

export const PROMPT_TRIES = 3;

export const promptSource: OtpSource = {
  name: "prompt",
  automatic: false,
  available: async (deps) => deps.terminal() !== null,
  async code(request, deps) {
    const terminal = deps.terminal();
    if (!terminal) {
      throw noTerminalError(
        `an MFA code for ${request.profile}`,
        "Pass it with --otp 123456, or --otp - to read it from stdin, or set a code source for the profile (awsmfa_otp_source).",
      );
    }
    if (request.previousProblem) terminal.write(`${request.previousProblem}\n`);
    const device = request.serial.replace(/^arn:[^:]+:iam::/, "");
    for (let tries = 1; tries <= PROMPT_TRIES; tries++) {
      const answer = await askText(terminal, `MFA code for ${request.profile} (${device}):`);
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
  },
};

export const promptKind: OtpSourceKind = {
  name: "prompt",
  aliases: ["terminal"],
  summary: "type the code at a prompt on the terminal (the default)",
  automatic: false,
  keys: [],
  availability: async (deps) =>
    deps.terminal()
      ? { available: true, detail: "a terminal is open" }
      : { available: false, detail: "no terminal here" },
  create: () => promptSource,
};
