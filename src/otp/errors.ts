/**
 * How a code source fails. A source that cannot run right now (not installed, locked, signed
 * out, too slow) raises OtpUnavailableError: with a terminal, awsmfa then asks the person
 * instead. A source that ran and answered nonsense raises a plain UserError with the same exit
 * code, because asking a person would hide a setup that needs fixing.
 */
import { UserError } from "../errors.ts";

export class OtpUnavailableError extends UserError {
  constructor(message: string, hint: string) {
    super(message, { hint, code: "otpSource" });
    this.name = "OtpUnavailableError";
  }
}

/** The source ran but gave no usable code. Never includes what the program printed. */
export function otpSourceError(message: string, hint: string): UserError {
  return new UserError(message, { hint, code: "otpSource" });
}
