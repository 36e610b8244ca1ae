/**
 * Which MFA device a login uses, when it is written down somewhere: --serial, else
 * `mfa_serial` (the AWS CLI's key) or the older `aws_mfa_device` (aws-mfa) and `aws_arn_mfa`
 * (hand-written scripts), in the profile and then in its long-term profile, in either file.
 */
import { type AwsFiles, profileReader } from "../config/aws-files.ts";
import { UsageError, UserError } from "../errors.ts";

export const SERIAL_KEYS = ["mfa_serial", "aws_mfa_device", "aws_arn_mfa"] as const;

export interface ConfiguredSerial {
  serial: string;
  /** e.g. "--serial", "mfa_serial in prod" */
  from: string;
}

export function configuredSerial(
  files: AwsFiles,
  profiles: readonly string[],
  flag: string | undefined,
): ConfiguredSerial | undefined {
  if (flag) return { serial: checkSerial(flag, "--serial"), from: "--serial" };
  for (const profile of profiles) {
    const read = profileReader(files, profile);
    for (const key of SERIAL_KEYS) {
      const value = read(key);
      if (value)
        return { serial: checkSerial(value, `${key} in ${profile}`), from: `${key} in ${profile}` };
    }
  }
  return undefined;
}

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
