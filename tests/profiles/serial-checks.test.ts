/**
 * SerialChecks answers as checkSerial does, device after device: the same value, or an error
 * of the same class and message, for runs of ARNs that share a prefix and the odd ones
 * between them (spaces of every kind, security keys, other partitions and accounts, hardware
 * serials, nothing after `mfa/`).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import { SerialChecks } from "../../src/profiles/serial-checks.ts";
import { checkSerial } from "../../src/session/serial-format.ts";

const space = fc.constantFrom(" ", "\t", "\u00a0", "\u2003", "\ufeff", "\u3000", "\n");
const nameChar = fc.oneof(
  fc.constantFrom("a", "p", "1", "-", "/", "é", "_"),
  space,
  fc.string({ maxLength: 1 }),
);
const name = fc.array(nameChar, { maxLength: 6 }).map((chars) => chars.join(""));
const prefix = fc.constantFrom(
  "arn:aws:iam::123456789012:mfa/",
  "arn:aws:iam::123456789012:mfa/",
  "arn:aws-cn:iam::123456789012:mfa/",
  "arn:aws:iam::210987654321:mfa/",
  "arn:aws:iam::123456789012:u2f/",
  "arn:aws:iam::12345678901:mfa/",
  "arn:aws:iam::123456789012:mfa",
  "arn:awsX:iam::123456789012:mfa/",
  "arn:aws:sts::123456789012:mfa/",
  " arn:aws:iam::123456789012:mfa/",
  "GAHT",
  "",
);
const serial = fc.tuple(prefix, name, fc.constantFrom("", "", " ", "\t")).map((p) => p.join(""));

function outcome(run: () => string): unknown {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

test("SerialChecks agrees with checkSerial on runs of devices", () => {
  fc.assert(
    fc.property(fc.array(serial, { maxLength: 30 }), (serials) => {
      const checks = new SerialChecks();
      for (const s of serials) {
        expect(outcome(() => checks.check(s, "mfa_serial"))).toEqual(
          outcome(() => checkSerial(s, "mfa_serial")),
        );
      }
    }),
    { numRuns: 2000 },
  );
});

test("a run of generated devices is answered from the first one's prefix", () => {
  const checks = new SerialChecks();
  for (let i = 0; i < 100; i++) {
    expect(checks.check(`arn:aws:iam::123456789012:mfa/p${i}`, "mfa_serial")).toBe(
      `arn:aws:iam::123456789012:mfa/p${i}`,
    );
  }
  expect(() => checks.check("arn:aws:iam::123456789012:mfa/", "mfa_serial")).toThrow();
  expect(() => checks.check("arn:aws:iam::123456789012:mfa/a b", "mfa_serial")).toThrow();
  expect(() => checks.check("arn:aws:iam::123456789012:u2f/x", "mfa_serial")).toThrow(
    /security key/,
  );
  expect(checks.check("arn:aws:iam::123456789012:mfa/q ", "mfa_serial")).toBe(
    "arn:aws:iam::123456789012:mfa/q",
  );
});
