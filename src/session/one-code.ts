/**
 * Codes for a login of several profiles: each MFA device needs its own code. `--otp 123456`
 * is one code, so it serves the first device only; a later device is asked for on the
 * terminal, or, without one, refused with what to do. `--otp -` reads one line per device.
 */
import { UsageError } from "../errors.ts";
import type { OtpSource } from "../otp/source.ts";
import { promptSource } from "../otp/sources/prompt.ts";
import { printableInLine } from "../system/printable.ts";
import type { LocalPlan } from "./local-plan.ts";

/**
 * A factory for getSession's `otp`: called once per device that needs a new session.
 * `choose` picks the source for a plan (flags, environment, the profile's settings).
 */
export function oneCodePerDevice(
  otpFlag: string | undefined,
  choose: (plan: LocalPlan) => OtpSource,
): (plan: LocalPlan) => OtpSource {
  const oneCode = otpFlag !== undefined && otpFlag !== "-";
  let devices = 0;
  return (plan) => {
    devices++;
    return oneCode && devices > 1 ? laterDevice : choose(plan);
  };
}

const laterDevice: OtpSource = {
  ...promptSource,
  async code(request, deps) {
    if (!deps.terminal()) {
      throw new UsageError(
        `--otp gave one code, used for the first device; ${printableInLine(request.profile)} needs a code from another device (${printableInLine(request.serial)}).`,
        {
          hint: "Log in to that profile on its own with its code, or use --otp - and pipe one code per device, one per line.",
        },
      );
    }
    return promptSource.code(request, deps);
  },
};
