/**
 * What an MFA device serial may look like, and where the AWS files name one: pure, so that
 * every reader (mfa-serial.ts, the role config, the cached fast path) checks it the same way.
 */
import { isJsSpace } from "../config/js-space.ts";
import { UsageError, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";

/** The keys that name a profile's MFA device, in the order they are read. */
export const SERIAL_KEYS = ["mfa_serial", "aws_mfa_device", "aws_arn_mfa"] as const;

/**
 * A virtual device is an ARN (arn:aws:iam::123456789012:mfa/alice); a hardware token
 * is known by its serial number (GAHT12345678). Anything else is a typo worth stopping for.
 */
/** `from` names where the serial was set, shown already (printableInLine): it is not escaped again. */
export function checkSerial(serial: string, from: string): string {
  const value = serial.trim();
  if (isSecurityKey(value)) {
    throw new UserError(
      `${printableInLine(value)} (${from}) is a security key (FIDO), and AWS accepts those in the console only: they make no codes for session credentials.`,
      {
        code: from === "--serial" ? "usage" : "config",
        hint: "Use a virtual MFA device (an authenticator app) or a hardware TOTP token: its ARN ends in :mfa/NAME.",
      },
    );
  }
  if (isDeviceArn(value)) return value;
  if (isHardwareSerial(value) && !value.startsWith("arn:")) return value;
  throw new UsageError(
    `"${printableInLine(serial)}" (${from}) is not an MFA device serial number.`,
    {
      hint: "Use the device ARN shown in the IAM console under Security credentials, e.g. arn:aws:iam::123456789012:mfa/alice.",
    },
  );
}

/*
 * The shapes below are loops, not regular expressions: the cached login checks its serial,
 * and runs no regular expression (the first one costs it ~0.15 ms and 1.4 MiB, see
 * docs/performance.md). Each names the expression it stands for; the tests keep those.
 */

/** A virtual or FIDO device's ARN: /^arn:aws[a-z-]*:iam::\d{12}:(mfa|u2f)\/\S+$/. */
function isDeviceArn(value: string): boolean {
  if (!value.startsWith("arn:aws")) return false;
  const colon = value.indexOf(":", 7);
  if (colon < 0) return false;
  for (let i = 7; i < colon; i++) {
    const c = value.charCodeAt(i);
    if (c !== 45 && (c < 0x61 || c > 0x7a)) return false;
  }
  const kind = afterAccount(value, colon);
  if (kind < 0 || !(value.startsWith("mfa/", kind) || value.startsWith("u2f/", kind))) {
    return false;
  }
  if (kind + 4 === value.length) return false;
  for (let i = kind + 4; i < value.length; i++) if (isJsSpace(value.charCodeAt(i))) return false;
  return true;
}

/** _ + = / : , . @ - */
const SERIAL_MARKS = [0x5f, 0x2b, 0x3d, 0x2f, 0x3a, 0x2c, 0x2e, 0x40, 0x2d];

/** A hardware token's serial: /^[\w+=/:,.@-]{9,256}$/. */
function isHardwareSerial(value: string): boolean {
  if (value.length < 9 || value.length > 256) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const word = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!word && !SERIAL_MARKS.includes(c)) return false;
  }
  return true;
}

/**
 * Where what follows `:iam::` and a 12-digit account id and `:` starts, with `colon` the
 * ARN's colon after its partition; -1 when that is not there.
 */
function afterAccount(value: string, colon: number): number {
  if (!value.startsWith(":iam::", colon)) return -1;
  const account = colon + 6;
  for (let i = account; i < account + 12; i++) {
    const c = value.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x39)) return -1;
  }
  return value.charCodeAt(account + 12) === 58 ? account + 13 : -1;
}

/**
 * A FIDO security key's ARN (arn:aws:iam::123456789012:u2f/user/alice/key-ABC...):
 * /^arn:[^:]+:iam::\d{12}:u2f\//.
 */
export function isSecurityKey(serial: string): boolean {
  const colon = serial.startsWith("arn:") ? serial.indexOf(":", 4) : -1;
  if (colon <= 4) return false;
  const kind = afterAccount(serial, colon);
  return kind >= 0 && serial.startsWith("u2f/", kind);
}

/** The account id in a device ARN, if it is one. */
export function accountOfSerial(serial: string): string | undefined {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(serial)?.[1];
}
