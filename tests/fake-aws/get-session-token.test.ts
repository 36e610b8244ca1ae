/**
 * GetSessionToken through the real SDK: durations, root's one-hour cap, what its sessions may
 * do, expiry, and the call record.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { ListMFADevicesCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { centreInStep, expectAwsError, iam, keysOf, nextStep, sessionKeys, sts } from "./sdk.ts";

let aws: FakeAws;
let alice: FakeUser;
let root: FakeUser;

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
  root = aws.addUser({ account: alice.account, root: true });
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

describe("DurationSeconds", () => {
  const bounds: [number, string | number][] = [
    [899, "greater than or equal to 900"],
    [900, 900],
    [129600, 129600],
    [129601, "less than or equal to 129600"],
  ];
  for (const [asked, expected] of bounds) {
    test(`${asked} seconds`, async () => {
      const call = sts(aws, keysOf(alice)).send(withCode(alice, { DurationSeconds: asked }));
      if (typeof expected === "number") {
        expect(lifetime((await call).Credentials?.Expiration)).toBeWithin(
          expected - 5,
          expected + 1,
        );
      } else {
        await expectAwsError(
          call,
          "ValidationError",
          `1 validation error detected: Value '${asked}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${expected}`,
        );
      }
    });
  }

  test("root sessions are capped at one hour, silently", async () => {
    const client = sts(aws, keysOf(root));
    const long = await client.send(withCode(root, { DurationSeconds: 129600 }));
    expect(lifetime(long.Credentials?.Expiration)).toBeWithin(3600 - 5, 3601);
    nextStep(aws);
    const byDefault = await client.send(withCode(root));
    expect(lifetime(byDefault.Credentials?.Expiration)).toBeWithin(3600 - 5, 3601);
  });
});

describe("the sessions it issues", () => {
  test("cannot call GetSessionToken", async () => {
    const session = (await sts(aws, keysOf(alice)).send(withCode(alice))).Credentials!;
    nextStep(aws);
    await expectAwsError(
      sts(aws, sessionKeys(session)).send(withCode(alice)),
      "AccessDenied",
      "Cannot call GetSessionToken with session credentials",
      403,
    );
  });

  test("answer GetCallerIdentity as the user", async () => {
    const session = (await sts(aws, keysOf(alice)).send(withCode(alice))).Credentials!;
    const out = await sts(aws, sessionKeys(session)).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Arn: alice.arn, UserId: alice.userId, Account: alice.account });
  });

  test("reach IAM only when MFA was used to get them", async () => {
    const client = sts(aws, keysOf(alice));
    const withMfa = (await client.send(withCode(alice))).Credentials!;
    const withoutMfa = (await client.send(new GetSessionTokenCommand({}))).Credentials!;
    const list = new ListMFADevicesCommand({});
    const out = await iam(aws, sessionKeys(withMfa)).send(list);
    expect(out.MFADevices?.map((d) => d.SerialNumber)).toEqual([alice.devices[0]!.serial]);
    await expectAwsError(
      iam(aws, sessionKeys(withoutMfa)).send(list),
      "InvalidClientTokenId",
      "The security token included in the request is invalid.",
    );
  });

  test("expire by the server clock", async () => {
    aws.sessionLifetimeOverrideSeconds = 60;
    try {
      const session = (await sts(aws, keysOf(alice)).send(withCode(alice))).Credentials!;
      expect(lifetime(session.Expiration)).toBeWithin(55, 61);
      const client = sts(aws, sessionKeys(session));
      await client.send(new GetCallerIdentityCommand({}));
      aws.clockOffsetMs += 61_000;
      await expectAwsError(
        client.send(new GetCallerIdentityCommand({})),
        "ExpiredToken",
        "The security token included in the request is expired",
        403,
      );
    } finally {
      aws.sessionLifetimeOverrideSeconds = undefined;
    }
  });
});

test("every call is recorded, failed ones too", async () => {
  aws.clearCalls();
  const serial = alice.devices[0]!.serial;
  await sts(aws, keysOf(alice)).send(withCode(alice));
  await sts(aws, keysOf(alice))
    .send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: "12345" }))
    .catch(() => {});
  expect(aws.count("GetSessionToken")).toBe(2);
  expect(
    aws.calls.map(({ service, action, accessKeyId, status, errorCode }) => ({
      service,
      action,
      accessKeyId,
      status,
      errorCode,
    })),
  ).toEqual([
    {
      service: "sts",
      action: "GetSessionToken",
      accessKeyId: alice.accessKeyId,
      status: 200,
      errorCode: undefined,
    },
    {
      service: "sts",
      action: "GetSessionToken",
      accessKeyId: alice.accessKeyId,
      status: 400,
      errorCode: "ValidationError",
    },
  ]);
  expect(aws.calls[1]!.params).toMatchObject({
    SerialNumber: serial,
    TokenCode: "12345",
    Version: "2011-06-15",
  });
  expect(Math.abs(aws.calls[0]!.at - aws.now())).toBeLessThan(5_000);
});
