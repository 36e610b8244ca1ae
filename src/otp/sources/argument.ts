/** `--otp 123456`: the code given on the command line. */
import { UsageError } from "../../errors.ts";
import { normaliseCode, type OtpSource, type OtpSourceKind } from "../source.ts";

export function argumentSource(given: string): OtpSource {
  return {
    name: "argument",
    automatic: false,
    given: true,
    available: async () => true,
    async code(request) {
      if (request.attempt > 1) {
        throw new UsageError(
          "The code given with --otp was refused, and it cannot be asked again.",
          {
            hint: "Run the command again with the next code.",
          },
        );
      }
      const code = normaliseCode(given);
      if (!code) {
        throw new UsageError("--otp needs the 6-digit code from your MFA device.", {
          hint: "For example: --otp 123456, or --otp - to read it from stdin.",
        });
      }
      return code;
    },
  };
}

export const argumentKind: OtpSourceKind = {
  name: "argument",
  aliases: [],
  summary: "--otp 123456: the code on the command line",
  automatic: false,
  keys: [],
  availability: async () => ({ available: true, detail: "always" }),
};
