/**
 * AssumeRole through the real SDK: trust (existence, partition, ExternalId, MFA), durations,
 * role chaining, root, and what role sessions look like afterwards.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import { type FakeAws, type FakeRole, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { centreInStep, expectAwsError, type Keys, keysOf, sessionKeys, sts } from "./sdk.ts";

let aws: FakeAws;
let alice: FakeUser;
let plain: FakeRole;
let guarded: FakeRole;
let partner: FakeRole;
let long: FakeRole;

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.stop());
beforeEach(() => {
  aws.clockOffsetMs = 0;
  centreInStep(aws);
  alice = aws.addUser();
  const account = alice.account;
  plain = aws.addRole({ account, name: `plain-${alice.name}` });
  guarded = aws.addRole({ account, name: `guarded-${alice.name}`, requireMfa: true });
  partner = aws.addRole({ account, name: `partner-${alice.name}`, externalId: "ext-123" });
  long = aws.addRole({ account, name: `long-${alice.name}`, maxSessionDuration: 43200 });
});

function assume(keys: Keys, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }) {
  return sts(aws, keys).send(new AssumeRoleCommand({ RoleSessionName: "tester", ...input }));
}

function denied(caller: string, role: string): string {
  return `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}`;
}

function mfaParams() {
  const serial = alice.devices[0]!.serial;
  return { SerialNumber: serial, TokenCode: aws.code(serial) };
}

describe("a successful AssumeRole", () => {
  test("answers the assumed-role user and session credentials", async () => {
    const out = await assume(keysOf(alice), { RoleArn: plain.arn, RoleSessionName: "me@work" });
    expect(out.AssumedRoleUser).toEqual({
      Arn: `arn:aws:sts::${alice.account}:assumed-role/${plain.name}/me@work`,
      AssumedRoleId: `${plain.roleId}:me@work`,
    });
    expect(plain.roleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const seconds = (out.Credentials!.Expiration!.getTime() - aws.now()) / 1000;
    expect(seconds).toBeWithin(3600 - 5, 3601);
  });

  test("the role session's GetCallerIdentity is the assumed-role ARN", async () => {
    const out = await assume(keysOf(alice), { RoleArn: plain.arn, RoleSessionName: "s1" });
    const who = await sts(aws, sessionKeys(out.Credentials!)).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who).toMatchObject({
      Arn: out.AssumedRoleUser!.Arn,
      UserId: `${plain.roleId}:s1`,
      Account: alice.account,
    });
  });
});

describe("trust", () => {
  test("a role that does not exist is denied with AWS's generic message", async () => {
    const arn = `arn:aws:iam::${alice.account}:role/missing`;
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: arn }),
      "AccessDenied",
      denied(alice.arn, arn),
      403,
    );
  });

  test("a role in another partition is denied", async () => {
    const cn = aws.addRole({ account: "123456789012", name: "cn-role", partition: "aws-cn" });
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: cn.arn }),
      "AccessDenied",
      denied(alice.arn, cn.arn),
    );
  });

  for (const [title, ExternalId] of [
    ["missing", undefined],
    ["wrong", "ext-124"],
  ] as const) {
    test(`an ExternalId that is ${title} is denied`, async () => {
      await expectAwsError(
        assume(keysOf(alice), { RoleArn: partner.arn, ...(ExternalId ? { ExternalId } : {}) }),
        "AccessDenied",
        denied(alice.arn, partner.arn),
      );
    });
  }

  test("the right ExternalId is accepted", async () => {
    const out = await assume(keysOf(alice), { RoleArn: partner.arn, ExternalId: "ext-123" });
    expect(out.AssumedRoleUser?.Arn).toContain(`assumed-role/${partner.name}/`);
  });

  test("an MFA role denies long-term keys without a code", async () => {
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: guarded.arn }),
      "AccessDenied",
      denied(alice.arn, guarded.arn),
    );
  });

  test("an MFA role accepts a code on the call", async () => {
    const out = await assume(keysOf(alice), { RoleArn: guarded.arn, ...mfaParams() });
    expect(out.Credentials?.SessionToken).toBeDefined();
  });

  test("an MFA role rejects a wrong code on the call", async () => {
    const params = mfaParams();
    const wrong = params.TokenCode === "111111" ? "222222" : "111111";
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: guarded.arn, ...params, TokenCode: wrong }),
      "AccessDenied",
      "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
    );
  });

  test("an MFA role accepts an MFA session, not a session without MFA", async () => {
    const client = sts(aws, keysOf(alice));
    const mfa = (await client.send(new GetSessionTokenCommand(mfaParams()))).Credentials!;
    const plainSession = (await client.send(new GetSessionTokenCommand({}))).Credentials!;
    const out = await assume(sessionKeys(mfa), { RoleArn: guarded.arn });
    expect(out.AssumedRoleUser?.Arn).toContain(`assumed-role/${guarded.name}/tester`);
    await expectAwsError(
      assume(sessionKeys(plainSession), { RoleArn: guarded.arn }),
      "AccessDenied",
      denied(alice.arn, guarded.arn),
    );
  });

  test("the root user may not assume roles", async () => {
    const root = aws.addUser({ account: alice.account, root: true });
    await expectAwsError(
      assume(keysOf(root), { RoleArn: plain.arn }),
      "AccessDenied",
      "Roles may not be assumed by root accounts.",
    );
  });
});

describe("DurationSeconds", () => {
  test("below 900 is a ValidationError", async () => {
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: plain.arn, DurationSeconds: 899 }),
      "ValidationError",
      "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      400,
    );
  });

  test("above the role's MaxSessionDuration is a ValidationError", async () => {
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: plain.arn, DurationSeconds: 3601 }),
      "ValidationError",
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  });

  test("up to the role's MaxSessionDuration is granted", async () => {
    const out = await assume(keysOf(alice), { RoleArn: long.arn, DurationSeconds: 43200 });
    const seconds = (out.Credentials!.Expiration!.getTime() - aws.now()) / 1000;
    expect(seconds).toBeWithin(43200 - 5, 43201);
  });

  test("role chaining is limited to one hour", async () => {
    const first = await assume(keysOf(alice), { RoleArn: long.arn, RoleSessionName: "first" });
    const chained = sessionKeys(first.Credentials!);
    await expectAwsError(
      assume(chained, { RoleArn: long.arn, DurationSeconds: 3601 }),
      "ValidationError",
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
    const second = await assume(chained, { RoleArn: plain.arn, DurationSeconds: 3600 });
    expect(second.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${alice.account}:assumed-role/${plain.name}/tester`,
    );
  });

  test("a chained denial names the assumed-role caller", async () => {
    const first = await assume(keysOf(alice), { RoleArn: plain.arn, RoleSessionName: "first" });
    await expectAwsError(
      assume(sessionKeys(first.Credentials!), { RoleArn: guarded.arn }),
      "AccessDenied",
      denied(first.AssumedRoleUser!.Arn!, guarded.arn),
    );
  });
});

describe("parameters", () => {
  test("a one-character session name is a ValidationError", async () => {
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: plain.arn, RoleSessionName: "x" }),
      "ValidationError",
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });

  test("a session name with a space is a ValidationError", async () => {
    await expectAwsError(
      assume(keysOf(alice), { RoleArn: plain.arn, RoleSessionName: "a b" }),
      "ValidationError",
      "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
  });

  test("role sessions expire", async () => {
    // Sessions shorter than AWS allows, so the server clock can pass them without leaving the
    // 5-minute signature window.
    aws.sessionLifetimeOverrideSeconds = 30;
    try {
      const out = await assume(keysOf(alice), { RoleArn: plain.arn });
      aws.clockOffsetMs += 31_000;
      await expectAwsError(
        sts(aws, sessionKeys(out.Credentials!)).send(new GetCallerIdentityCommand({})),
        "ExpiredToken",
        "The security token included in the request is expired",
      );
    } finally {
      aws.sessionLifetimeOverrideSeconds = undefined;
      aws.clockOffsetMs = 0;
    }
  });
});
