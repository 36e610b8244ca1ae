/**
 * RFC 6238 one-time codes as IAM's virtual MFA devices make them (SHA-1, 6 digits, 30 s), and
 * AWS's acceptance rule: the current step or the one before, each code at most once per device.
 */
import { HOTP, Secret } from "otpauth";

export const STEP_MS = 30_000;

export function stepAt(ms: number): number {
  return Math.floor(ms / STEP_MS);
}

export function codeForStep(seed: string, step: number): string {
  return HOTP.generate({
    secret: Secret.fromBase32(seed),
    algorithm: "SHA1",
    digits: 6,
    counter: step,
  });
}

export function codeAt(seed: string, ms: number): string {
  return codeForStep(seed, stepAt(ms));
}

/**
 * The step a code belongs to, when it is acceptable now: it matches the current or the previous
 * step and that step is later than the last one accepted for the device. Undefined otherwise
 * (wrong, too old, or already used: AWS answers all three the same way).
 */
export function acceptedStep(
  seed: string,
  code: string,
  nowMs: number,
  lastAccepted: number | undefined,
): number | undefined {
  const current = stepAt(nowMs);
  for (const step of [current, current - 1]) {
    if (lastAccepted !== undefined && step <= lastAccepted) continue;
    if (codeForStep(seed, step) === code) return step;
  }
  return undefined;
}
