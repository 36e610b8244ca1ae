/**
 * What an MFA device serial may look like, and where the AWS files name one: pure, so that
 * every reader (mfa-serial.ts, the role config, the cached fast path) checks it the same way.
 */
import { UsageError, UserError } from "../errors.ts";

/** The keys that name a profile's MFA device, in the order they are read. */
export const SERIAL_KEYS = ["mfa_serial", "aws_mfa_device", "aws_arn_mfa"] as const;

/**
 * A virtual device is an ARN (arn:aws:iam::123456789012:mfa/alice); a hardware token
 * is known by its serial number (GAHT12345678). Anything else is a typo worth stopping for.
 */
export function checkSerial(serial: string, from: string): string {
  const value = serial.trim();
  if (isSecurityKey(value)) {
    throw new UserError(
      `${value} (${from}) is a security key (FIDO), and AWS accepts those in the console only: they make no codes for session credentials.`,
      {
        code: from === "--serial" ? "usage" : "config",
        hint: "Use a virtual MFA device (an authenticator app) or a hardware TOTP token: its ARN ends in :mfa/NAME.",
      },
    );
  }
  if (/^arn:aws[a-z-]*:iam::\d{12}:(mfa|u2f)\/\S+$/.test(value)) return value;
  if (/^[\w+=/:,.@-]{9,256}$/.test(value) && !value.startsWith("arn:")) return value;
  throw new UsageError(`"${serial}" (${from}) is not an MFA device serial number.`, {
    hint: "Use the device ARN shown in the IAM console under Security credentials, e.g. arn:aws:iam::123456789012:mfa/alice.",
  });
}

/** A FIDO security key's ARN (arn:aws:iam::123456789012:u2f/user/alice/key-ABC...). */
export function isSecurityKey(serial: string): boolean {
  return /^arn:[^:]+:iam::\d{12}:u2f\//.test(serial);
}

/** The account id in a device ARN, if it is one. */
export function accountOfSerial(serial: string): string | undefined {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(serial)?.[1];
}
