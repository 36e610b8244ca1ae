/**
 * GetSessionToken's MFA rules through the real SDK: current, previous, used, wrong and foreign
 * codes and devices, and malformed MFA parameters.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { centreInStep, expectAwsError, keysOf, nextStep, sts } from "./sdk.ts";

const INVALID_CODE = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";
const UNKNOWN_SERIAL =
  "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.";

let aws: FakeAws;
let alice: FakeUser;
let bob: FakeUser;

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.stop());
beforeEach(() => {
  // Fresh users for every test (codes are single-use per device), and ~15 s before the
  // current TOTP step rolls over.
  aws.clockOffsetMs = 0;
  centreInStep(aws);
  alice = aws.addUser();
  bob = aws.addUser({ account: alice.account, devices: 2 });
});

function withCode(user: FakeUser, extra: { DurationSeconds?: number } = {}, device = 0) {
  const serial = user.devices[device]!.serial;
  return new GetSessionTokenCommand({
    SerialNumber: serial,
    TokenCode: aws.code(serial),
    ...extra,
  });
}

/** Seconds from the server's now to an STS Expiration. */
function lifetime(expiration: Date | undefined): number {
  return Math.round((expiration!.getTime() - aws.now()) / 1000);
}

describe("MFA codes", () => {
  test("the current code gives session credentials shaped like AWS's", async () => {
    const out = await sts(aws, keysOf(alice)).send(withCode(alice));
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c.SecretAccessKey).toHaveLength(40);
    expect(c.SecretAccessKey).toMatch(/[/]/);
    expect(c.SecretAccessKey).toMatch(/[+]/);
    expect(c.SessionToken!.length).toBeGreaterThan(300);
    expect(c.SessionToken).toMatch(/^[A-Za-z0-9/+]+=+$/);
    expect(c.SessionToken).toContain("/");
    expect(c.SessionToken).toContain("+");
    expect(lifetime(c.Expiration)).toBeGreaterThan(43200 - 5);
    expect(lifetime(c.Expiration)).toBeLessThanOrEqual(43200);
  });

  test("a code is accepted once; the same code again is rejected", async () => {
    const serial = alice.devices[0]!.serial;
    const code = aws.code(serial);
    const client = sts(aws, keysOf(alice));
    await client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
    await expectAwsError(
      client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })),
      "AccessDenied",
      INVALID_CODE,
      403,
    );
  });

  test("the previous step's code is accepted, then the current one", async () => {
    const serial = alice.devices[0]!.serial;
    const client = sts(aws, keysOf(alice));
    const send = (TokenCode: string) =>
      client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode }));
    await send(aws.code(serial, aws.now() - 30_000));
    const out = await send(aws.code(serial));
    expect(out.Credentials?.AccessKeyId).toStartWith("ASIA");
  });

  test("after the current code was used, the previous one is rejected", async () => {
    const serial = alice.devices[0]!.serial;
    const client = sts(aws, keysOf(alice));
    const send = (TokenCode: string) =>
      client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode }));
    await send(aws.code(serial));
    await expectAwsError(send(aws.code(serial, aws.now() - 30_000)), "AccessDenied", INVALID_CODE);
  });

  test("a used code stays rejected in the next step", async () => {
    const serial = alice.devices[0]!.serial;
    const client = sts(aws, keysOf(alice));
    const code = aws.code(serial);
    await client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
    nextStep(aws);
    await expectAwsError(
      client.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })),
      "AccessDenied",
      INVALID_CODE,
    );
  });

  test("a code two steps old is rejected", async () => {
    const serial = alice.devices[0]!.serial;
    const old = aws.code(serial, aws.now() - 60_000);
    await expectAwsError(
      sts(aws, keysOf(alice)).send(
        new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: old }),
      ),
      "AccessDenied",
      INVALID_CODE,
    );
  });

  test("a wrong code is rejected like a used one", async () => {
    const serial = alice.devices[0]!.serial;
    const wrong = aws.code(serial) === "000000" ? "000001" : "000000";
    await expectAwsError(
      sts(aws, keysOf(alice)).send(
        new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: wrong }),
      ),
      "AccessDenied",
      INVALID_CODE,
    );
  });

  test("each of a user's devices works", async () => {
    const out = await sts(aws, keysOf(bob)).send(withCode(bob, {}, 1));
    expect(out.Credentials?.AccessKeyId).toStartWith("ASIA");
  });

  const foreignSerials: [string, () => string][] = [
    ["another user's device", () => bob.devices[0]!.serial],
    ["a device that does not exist", () => `arn:aws:iam::${alice.account}:mfa/nobody`],
    [
      "the right device in the wrong partition",
      () => alice.devices[0]!.serial.replace("arn:aws:", "arn:aws-cn:"),
    ],
  ];
  for (const [title, serial] of foreignSerials) {
    test(`${title} cannot validate the code`, async () => {
      await expectAwsError(
        sts(aws, keysOf(alice)).send(
          new GetSessionTokenCommand({ SerialNumber: serial(), TokenCode: "123456" }),
        ),
        "AccessDenied",
        UNKNOWN_SERIAL,
        403,
      );
    });
  }
});

describe("malformed MFA parameters are ValidationErrors", () => {
  const serial = () => alice.devices[0]!.serial;
  const cases: [string, () => { SerialNumber?: string; TokenCode?: string }, string][] = [
    [
      "a 5-digit code",
      () => ({ SerialNumber: serial(), TokenCode: "12345" }),
      "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    ],
    [
      "a 7-digit code",
      () => ({ SerialNumber: serial(), TokenCode: "1234567" }),
      "1 validation error detected: Value '1234567' at 'tokenCode' failed to satisfy constraint: Member must have length less than or equal to 6",
    ],
    [
      "letters",
      () => ({ SerialNumber: serial(), TokenCode: "12a456" }),
      "1 validation error detected: Value '12a456' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*",
    ],
    [
      "a code without a serial",
      () => ({ TokenCode: "123456" }),
      "1 validation error detected: Value null at 'serialNumber' failed to satisfy constraint: Member must not be null",
    ],
    [
      "a serial with a space",
      () => ({ SerialNumber: "arn:aws:iam::1:mfa/a b", TokenCode: "123456" }),
      "1 validation error detected: Value 'arn:aws:iam::1:mfa/a b' at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]*",
    ],
  ];
  for (const [title, input, message] of cases) {
    test(title, async () => {
      await expectAwsError(
        sts(aws, keysOf(alice)).send(new GetSessionTokenCommand(input())),
        "ValidationError",
        message,
        400,
      );
    });
  }
});
