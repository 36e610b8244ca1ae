/**
 * Injected faults, as the SDK sees them: throttling, internal errors (which the SDK retries),
 * a request that never gets an answer, and a clock-skew error for a good request.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { FetchHandler } from "../../src/aws/fetch-handler.ts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { rawCall } from "./raw-request.ts";
import { expectAwsError, keysOf, sts } from "./sdk.ts";

let aws: FakeAws;
let alice: FakeUser;

beforeAll(async () => {
  aws = await startFakeAws();
  alice = aws.addUser({ name: "alice" });
});
afterAll(() => aws.stop());
afterEach(() => {
  aws.clearFaults();
  aws.clearCalls();
});

const identity = () => sts(aws, keysOf(alice)).send(new GetCallerIdentityCommand({}));

describe("throttle", () => {
  test("answers 400 Throttling once, then works again", async () => {
    aws.inject({ kind: "throttle" });
    await expectAwsError(identity(), "Throttling", "Rate exceeded", 400);
    expect((await identity()).Arn).toBe(alice.arn);
    expect(aws.calls.map((c) => c.errorCode ?? c.status)).toEqual(["Throttling", 200]);
  });

  test("hits only the named action", async () => {
    aws.inject({ action: "GetSessionToken", kind: "throttle" });
    expect((await identity()).Arn).toBe(alice.arn);
    await expectAwsError(
      sts(aws, keysOf(alice)).send(new GetSessionTokenCommand({})),
      "Throttling",
    );
  });

  test("times: Infinity lasts until clearFaults()", async () => {
    aws.inject({ kind: "throttle", times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) await expectAwsError(identity(), "Throttling");
    aws.clearFaults();
    expect((await identity()).Arn).toBe(alice.arn);
    expect(aws.count("GetCallerIdentity")).toBe(4);
  });
});

describe("internal", () => {
  test("answers 500 InternalFailure with Type Receiver", async () => {
    aws.inject({ kind: "internal" });
    const answer = await rawCall({
      url: aws.url,
      accessKeyId: alice.accessKeyId,
      secretAccessKey: alice.secretAccessKey,
      params: { Action: "GetCallerIdentity", Version: "2011-06-15" },
    });
    expect(answer).toMatchObject({ status: 500, code: "InternalFailure" });
    expect(answer.text).toContain("<Type>Receiver</Type>");
  });

  test("the SDK retries it", async () => {
    aws.inject({ kind: "internal" });
    const out = await sts(aws, keysOf(alice), { maxAttempts: 2 }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(out.$metadata.attempts).toBe(2);
    expect(aws.calls.map((c) => c.status)).toEqual([500, 200]);
  });
});

describe("hang", () => {
  test("never answers: the client times out, the call is recorded with status 0", async () => {
    aws.inject({ kind: "hang" });
    const client = new STSClient({
      region: "us-east-1",
      endpoint: aws.url,
      credentials: keysOf(alice),
      maxAttempts: 1,
      requestHandler: new FetchHandler({ answerTimeoutMs: 300 }),
    });
    const started = Date.now();
    await expectAwsError(client.send(new GetCallerIdentityCommand({})), "TimeoutError");
    expect(Date.now() - started).toBeWithin(250, 3_000);
    expect(aws.calls.map((c) => [c.action, c.status])).toEqual([["GetCallerIdentity", 0]]);
  });

  test("stop() does not wait for a hanging request", async () => {
    const other = await startFakeAws();
    const user = other.addUser();
    other.inject({ kind: "hang" });
    const pending = sts(other, keysOf(user))
      .send(new GetCallerIdentityCommand({}))
      .catch((e: Error) => e);
    while (other.calls.length === 0) await Bun.sleep(5);
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("signature-expired", () => {
  test("a good request gets the clock-skew error and a Date 15 minutes ahead", async () => {
    aws.inject({ kind: "signature-expired" });
    const error = await expectAwsError(
      identity(),
      "SignatureDoesNotMatch",
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
      403,
    );
    const date = (error as { $response?: { headers?: Record<string, string> } }).$response?.headers
      ?.date;
    expect(Date.parse(date!) - Date.now()).toBeWithin(14 * 60_000, 16 * 60_000);
    expect((await identity()).Arn).toBe(alice.arn);
  });
});

test("unknown fault kinds and non-positive counts are refused", () => {
  expect(() => aws.inject({ kind: "explode" as "hang" })).toThrow("unknown fault kind");
  expect(() => aws.inject({ kind: "hang", times: 0 })).toThrow("must be positive");
});
