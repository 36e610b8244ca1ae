/**
 * The fake verifies SigV4 like AWS: AWS's published vectors, the JS SDK's signatures, wrong
 * secrets, unknown keys, keys used in the wrong partition, clock skew and tampering.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import fc from "fast-check";
import { parseAmzDate } from "../support/fake-aws/authorization-header.ts";
import { canonicalQuery, expectedSignature } from "../support/fake-aws/sigv4.ts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { expectAwsError, keysOf, sts } from "./sdk.ts";

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

let aws: FakeAws;
let alice: FakeUser;
let chen: FakeUser;
let grace: FakeUser;

beforeAll(async () => {
  aws = await startFakeAws();
  alice = aws.addUser({ name: "alice" });
  chen = aws.addUser({ name: "chen", partition: "aws-cn" });
  grace = aws.addUser({ name: "grace", partition: "aws-us-gov" });
});
afterAll(() => aws.stop());

describe("AWS's published SigV4 examples", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  const amzDate = "20150830T123600Z";

  test("get-vanilla", () => {
    const scope = {
      date: "20150830",
      region: "us-east-1",
      service: "service",
      terminator: "aws4_request",
    };
    const request = {
      method: "GET",
      rawPath: "/",
      rawQuery: "",
      headers: [
        ["Host", "example.amazonaws.com"],
        ["X-Amz-Date", amzDate],
      ] as [string, string][],
      body: new Uint8Array(),
    };
    expect(expectedSignature(request, ["host", "x-amz-date"], amzDate, scope, secret)).toBe(
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  test("IAM ListUsers", () => {
    const scope = {
      date: "20150830",
      region: "us-east-1",
      service: "iam",
      terminator: "aws4_request",
    };
    const request = {
      method: "GET",
      rawPath: "/",
      rawQuery: "Action=ListUsers&Version=2010-05-08",
      headers: [
        ["Host", "iam.amazonaws.com"],
        ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"],
        ["X-Amz-Date", amzDate],
      ] as [string, string][],
      body: new Uint8Array(),
    };
    const signed = ["content-type", "host", "x-amz-date"];
    expect(expectedSignature(request, signed, amzDate, scope, secret)).toBe(
      "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
    );
  });

  test("the canonical query does not depend on parameter order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1 }), fc.string()), {
          selector: ([k]) => k,
          maxLength: 6,
        }),
        (pairs) => {
          const query = (list: [string, string][]) =>
            list.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
          expect(canonicalQuery(query(pairs))).toBe(canonicalQuery(query([...pairs].reverse())));
        },
      ),
    );
  });
});

describe("keys", () => {
  test("good keys sign GetCallerIdentity", async () => {
    const out = await sts(aws, keysOf(alice)).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Arn: alice.arn, Account: alice.account, UserId: alice.userId });
  });

  test("a wrong secret is SignatureDoesNotMatch", async () => {
    // Change the last character to one it is not, so the secret always differs.
    const last = alice.secretAccessKey.endsWith("x") ? "y" : "x";
    const keys = {
      ...keysOf(alice),
      secretAccessKey: `${alice.secretAccessKey.slice(0, -1)}${last}`,
    };
    await expectAwsError(
      sts(aws, keys).send(new GetCallerIdentityCommand({})),
      "SignatureDoesNotMatch",
      SIGNATURE_MISMATCH,
      403,
    );
  });

  test("an unknown key id is InvalidClientTokenId", async () => {
    const keys = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: alice.secretAccessKey };
    await expectAwsError(
      sts(aws, keys).send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      INVALID_TOKEN,
      403,
    );
  });

  test("a session token on long-term keys is InvalidClientTokenId", async () => {
    const keys = { ...keysOf(alice), sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE" };
    await expectAwsError(
      sts(aws, keys).send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      INVALID_TOKEN,
    );
  });

  test("signatures of any parameter values verify", async () => {
    // Hostile characters in a signed parameter: the fake must canonicalise what the SDK sent
    // exactly as the SDK did, or this would be SignatureDoesNotMatch.
    const client = sts(aws, keysOf(alice));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 40 }), async (name) => {
        const error = await client
          .send(new AssumeRoleCommand({ RoleArn: `${alice.arn}-role`, RoleSessionName: name }))
          .then(
            () => undefined,
            (e: { name: string }) => e.name,
          );
        expect(["ValidationError", "AccessDenied"]).toContain(error!);
      }),
      { numRuns: 40 },
    );
  });
});

describe("partitions: a key exists only in its own partition", () => {
  const cases: [string, () => FakeUser, string, boolean][] = [
    ["aws key, us-east-1", () => alice, "us-east-1", true],
    ["aws key, eu-central-1", () => alice, "eu-central-1", true],
    ["aws key, cn-north-1", () => alice, "cn-north-1", false],
    ["aws-cn key, cn-northwest-1", () => chen, "cn-northwest-1", true],
    ["aws-cn key, us-east-1", () => chen, "us-east-1", false],
    ["aws-us-gov key, us-gov-east-1", () => grace, "us-gov-east-1", true],
    ["aws-us-gov key, us-east-1", () => grace, "us-east-1", false],
  ];
  for (const [title, who, region, works] of cases) {
    test(title, async () => {
      const call = sts(aws, keysOf(who()), { region }).send(new GetCallerIdentityCommand({}));
      if (works) expect((await call).Arn).toBe(who().arn);
      else await expectAwsError(call, "InvalidClientTokenId", INVALID_TOKEN, 403);
    });
  }
});

describe("clock skew", () => {
  test("a request more than 5 min behind the server clock has expired", async () => {
    aws.clockOffsetMs = 10 * 60_000;
    try {
      const error = await expectAwsError(
        sts(aws, keysOf(alice)).send(new GetCallerIdentityCommand({})),
        "SignatureDoesNotMatch",
        /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\)$/,
        403,
      );
      const [, sent, limit, server] = /(\S+) is now earlier than (\S+) \((\S+) -/.exec(
        error.message,
      )!;
      expect(parseAmzDate(server!)! - parseAmzDate(limit!)!).toBe(5 * 60_000);
      expect(Math.abs(parseAmzDate(sent!)! - Date.now())).toBeLessThan(5_000);
      expect(Math.abs(parseAmzDate(server!)! - aws.now())).toBeLessThan(5_000);
    } finally {
      aws.clockOffsetMs = 0;
    }
  });

  test("a request more than 5 min ahead is not yet current", async () => {
    aws.clockOffsetMs = -6 * 60_000;
    try {
      await expectAwsError(
        sts(aws, keysOf(alice)).send(new GetCallerIdentityCommand({})),
        "SignatureDoesNotMatch",
        /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
      );
    } finally {
      aws.clockOffsetMs = 0;
    }
  });

  test("4 minutes of skew is accepted", async () => {
    aws.clockOffsetMs = -4 * 60_000;
    try {
      const out = await sts(aws, keysOf(alice)).send(new GetCallerIdentityCommand({}));
      expect(out.Arn).toBe(alice.arn);
    } finally {
      aws.clockOffsetMs = 0;
    }
  });

  test("the SDK corrects its clock from the Date header and retries", async () => {
    aws.clockOffsetMs = 20 * 60_000;
    aws.clearCalls();
    try {
      const out = await sts(aws, keysOf(alice), { maxAttempts: 3 }).send(
        new GetCallerIdentityCommand({}),
      );
      expect(out.$metadata.attempts).toBe(2);
      expect(aws.calls.map((c) => c.errorCode ?? c.status)).toEqual(["SignatureDoesNotMatch", 200]);
    } finally {
      aws.clockOffsetMs = 0;
    }
  });
});
