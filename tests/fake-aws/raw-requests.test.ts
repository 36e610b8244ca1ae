/**
 * What no SDK sends but AWS still judges: missing or malformed Authorization, wrong scopes,
 * tampering after signing, GET requests, session keys without their token, and the Date header.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { type RawCall, rawCall } from "./raw-request.ts";
import { keysOf, sts } from "./sdk.ts";

let aws: FakeAws;
let alice: FakeUser;

beforeAll(async () => {
  aws = await startFakeAws();
  alice = aws.addUser({ name: "alice" });
});
afterAll(() => aws.stop());

const IDENTITY = { Action: "GetCallerIdentity", Version: "2011-06-15" };

function asAlice(extra: Partial<RawCall> = {}): RawCall {
  return {
    url: aws.url,
    accessKeyId: alice.accessKeyId,
    secretAccessKey: alice.secretAccessKey,
    params: IDENTITY,
    ...extra,
  };
}

describe("well-formed requests", () => {
  test("POST form body", async () => {
    const answer = await rawCall(asAlice());
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`<Arn>${alice.arn}</Arn>`);
    expect(answer.text).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"');
    expect(answer.text).toMatch(/<ResponseMetadata>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  test("GET with the parameters in the query string", async () => {
    const answer = await rawCall(asAlice({ method: "GET" }));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`<Account>${alice.account}</Account>`);
  });

  test("every answer carries a Date header from the server clock", async () => {
    aws.clockOffsetMs = 3 * 60_000;
    try {
      const answer = await rawCall(asAlice({ atMs: aws.now() }));
      expect(answer.status).toBe(200);
      expect(Math.abs(Date.parse(answer.date!) - aws.now())).toBeLessThan(2_000);
      const failed = await rawCall(asAlice({ unsigned: true }));
      expect(Math.abs(Date.parse(failed.date!) - aws.now())).toBeLessThan(2_000);
    } finally {
      aws.clockOffsetMs = 0;
    }
  });
});

describe("malformed or mismatched signatures", () => {
  const cases: [string, Partial<RawCall>, number, string, string][] = [
    [
      "no Authorization header",
      { unsigned: true },
      403,
      "MissingAuthenticationToken",
      "Request is missing Authentication Token",
    ],
    [
      "Authorization without Signature",
      {
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIA/20240101/us-east-1/sts/aws4_request, SignedHeaders=host",
      },
      403,
      "IncompleteSignature",
      "Authorization header requires 'Signature' parameter.",
    ],
    [
      "an IAM scope sent to STS",
      { service: "iam" },
      403,
      "SignatureDoesNotMatch",
      "Credential should be scoped to correct service: 'sts'. ",
    ],
    [
      "STS scoped to a non-region",
      { region: "moon-1" },
      403,
      "SignatureDoesNotMatch",
      "Credential should be scoped to a valid region, not 'moon-1'. ",
    ],
    [
      "IAM signed for eu-west-1",
      {
        service: "iam",
        region: "eu-west-1",
        params: { Action: "ListMFADevices", Version: "2010-05-08" },
      },
      403,
      "SignatureDoesNotMatch",
      "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    ],
    [
      "a scope date that is not the request date",
      { scopeDate: "20200101" },
      403,
      "SignatureDoesNotMatch",
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP",
    ],
    [
      "a body changed after signing",
      {
        tamper: (r) => {
          r.body = r.body.replace("GetCallerIdentity", "GetCallerIdentitz");
        },
      },
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match",
    ],
    [
      "a signed header changed after signing",
      {
        tamper: (r) => {
          r.headers["content-type"] += "; charset=utf-8";
        },
      },
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match",
    ],
    [
      "an IAM action signed for STS",
      { params: { Action: "ListMFADevices", Version: "2010-05-08" } },
      403,
      "SignatureDoesNotMatch",
      "Credential should be scoped to correct service: 'iam'. ",
    ],
    [
      "an STS action with IAM's API version",
      { params: { Action: "GetCallerIdentity", Version: "2010-05-08" } },
      400,
      "InvalidAction",
      "Could not find operation GetCallerIdentity for version 2010-05-08",
    ],
    [
      "an unknown Action, properly signed",
      { params: { Action: "GetSessionTokens", Version: "2011-06-15" } },
      400,
      "InvalidAction",
      "Could not find operation GetSessionTokens for version 2011-06-15",
    ],
  ];
  for (const [title, extra, status, code, message] of cases) {
    test(title, async () => {
      const answer = await rawCall(asAlice(extra));
      expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
      expect(answer.message!.startsWith(message)).toBe(true);
      expect(answer.text).toContain("<Type>Sender</Type>");
    });
  }
});

describe("session credentials need their own token", () => {
  test("without the token, or with another session's token, the key is unknown", async () => {
    const client = sts(aws, keysOf(alice));
    const one = (await client.send(new GetSessionTokenCommand({}))).Credentials!;
    const two = (await client.send(new GetSessionTokenCommand({}))).Credentials!;
    const session = { accessKeyId: one.AccessKeyId!, secretAccessKey: one.SecretAccessKey! };
    const good = await rawCall({ ...asAlice(), ...session, sessionToken: one.SessionToken! });
    expect(good.status).toBe(200);
    for (const sessionToken of [undefined, two.SessionToken!]) {
      const answer = await rawCall({
        ...asAlice(),
        ...session,
        ...(sessionToken ? { sessionToken } : {}),
      });
      expect(answer.code).toBe("InvalidClientTokenId");
    }
  });
});
