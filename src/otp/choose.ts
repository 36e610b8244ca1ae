/** Picks the code source for a login: --otp CODE, --otp -, else the terminal prompt. */
import { argumentSource } from "./argument.ts";
import { promptSource } from "./prompt.ts";
import type { OtpSource } from "./source.ts";
import { stdinSource } from "./stdin.ts";

export function chooseOtpSource(otpFlag: string | undefined): OtpSource {
  if (otpFlag === "-") return stdinSource;
  if (otpFlag !== undefined) return argumentSource(otpFlag);
  return promptSource;
}
