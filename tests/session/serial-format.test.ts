/**
 * serial-format.ts's shapes, loops, against the regular expressions they replaced (kept here
 * as oracles): the cached login checks its serial and runs no regular expression
 * (docs/performance.md).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { UsageError, UserError } from "../../src/errors.ts";
import { checkSerial, isSecurityKey } from "../../src/session/serial-format.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";

const SECURITY_KEY = /^arn:[^:]+:iam::\d{12}:u2f\//;

/** checkSerial as it was: the serial, or which error. */
function checkByRegex(serial: string): string {
  const value = serial.trim();
  if (SECURITY_KEY.test(value)) return "security key";
  if (/^arn:aws[a-z-]*:iam::\d{12}:(mfa|u2f)\/\S+$/.test(value)) return value;
  if (/^[\w+=/:,.@-]{9,256}$/.test(value) && !value.startsWith("arn:")) return value;
  return "not a serial";
}

function check(serial: string): string {
  try {
    return checkSerial(serial, "mfa_serial in p");
  } catch (error) {
    if (error instanceof UsageError) return "not a serial";
    expect(error).toBeInstanceOf(UserError);
    return "security key";
  }
}

const EXAMPLES = [
  "arn:aws:iam::123456789012:mfa/alice",
  "arn:aws-cn:iam::123456789012:mfa/a b",
  "arn:aws-us-gov:iam::123456789012:u2f/user/alice/key-ABC",
  "arn:aws:iam::123456789012:u2f/",
  "arn:aws:iam::123456789012:mfa/",
  "arn:other:iam::123456789012:u2f/x",
  "arn:aws:iam::12345678901:mfa/x",
  "arn:aws:iam::123456789012:mfa/\u3000x",
  "GAHT12345678",
  "GAHT-1234_5+=/:,.@",
  " GAHT12345678\t",
  "x".repeat(256),
  "x".repeat(257),
];
const PIECES = [
  "arn:",
  "aws",
  "-cn",
  ":iam::",
  "123456789012",
  "1",
  ":",
  "mfa/",
  "u2f/",
  "/",
  "a",
  " ",
  "\u00a0",
  "\ufeff",
  "_",
  "+",
  "@",
  "G",
];

test("checkSerial accepts and refuses what the expressions did", () => {
  fc.assert(
    fc.property(oracleTexts(EXAMPLES, PIECES), (serial) => {
      expect(check(serial)).toBe(checkByRegex(serial));
    }),
    { numRuns: ORACLE_RUNS * 2 },
  );
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    for (const serial of [`arn:aws:iam::123456789012:mfa/a${ch}b`, `GAHT1234${ch}5`]) {
      expect(check(serial)).toBe(checkByRegex(serial));
    }
  }
});

test("isSecurityKey is /^arn:[^:]+:iam::\\d{12}:u2f\\//", () => {
  fc.assert(
    fc.property(oracleTexts(EXAMPLES, PIECES), (serial) => {
      expect(isSecurityKey(serial)).toBe(SECURITY_KEY.test(serial));
    }),
    { numRuns: ORACLE_RUNS },
  );
});
