/**
 * ClientTarget.whileWaiting (aws/clients.ts): work the main thread does while a call's request
 * is out (a fresh login on a terminal sets up the time zone for its success line there). It
 * runs once per call, retries included, after the request was handed on, and never fails the
 * call. Against the fake AWS in this process.
 */
import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import { partitionOfRegion } from "../../src/aws/partition.ts";
import { getSessionToken } from "../../src/aws/sts.ts";
import { type FakeAws, startFakeAws } from "../support/fake-aws.ts";

let aws: FakeAws;

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.stop());
beforeEach(() => aws.clearFaults());

function call(whileWaiting: () => void) {
  const user = aws.addUser();
  const serial = user.devices[0]!.serial;
  return getSessionToken(
    { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    { serialNumber: serial, tokenCode: aws.code(serial), durationSeconds: 3600 },
    {
      region: "us-east-1",
      partition: partitionOfRegion("us-east-1"),
      endpoint: aws.url,
      now: () => Date.now(),
      whileWaiting,
    },
  );
}

test("runs once, before the answer is in", async () => {
  aws.clearCalls();
  const seen: number[] = [];
  // The fake AWS answers in this thread: while the work runs, it cannot have seen the request.
  const session = await call(() => seen.push(aws.count("GetSessionToken")));
  expect(session.sessionToken).toBeTruthy();
  expect(seen).toEqual([0]);
  expect(aws.count("GetSessionToken")).toBe(1);
});

test("runs once when the first attempt is throttled and retried", async () => {
  aws.clearCalls();
  aws.inject({ action: "GetSessionToken", kind: "throttle" });
  let runs = 0;
  const session = await call(() => runs++);
  expect(session.sessionToken).toBeTruthy();
  expect(aws.count("GetSessionToken")).toBe(2);
  expect(runs).toBe(1);
});

test("a failure of the work is not the call's", async () => {
  const session = await call(() => {
    throw new Error("only a head start");
  });
  expect(session.sessionToken).toBeTruthy();
});
