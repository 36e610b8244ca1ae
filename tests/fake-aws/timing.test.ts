/**
 * What npm run bench reads to report a fresh login less its STS round trip
 * (scripts/bench/round-trip.ts): each AWS call's server time, and /_fake/ping, answered
 * before the server does anything else.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { type FakeAws, startFakeAws } from "../support/fake-aws.ts";
import { keysOf, sts } from "./sdk.ts";

let aws: FakeAws;

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.stop());

test("each AWS call records the server's time for it, from the whole request read to the answer sent", async () => {
  const alice = aws.addUser({ name: "alice" });
  const started = performance.now();
  await sts(aws, keysOf(alice)).send(new GetCallerIdentityCommand({}));
  const elapsed = performance.now() - started;
  const [call] = aws.calls;
  expect(call?.action).toBe("GetCallerIdentity");
  expect(call?.serverMs).toBeGreaterThan(0);
  expect(call?.serverMs).toBeLessThan(elapsed);
});

test("/_fake/ping answers 204 with no body and is not recorded as a call", async () => {
  aws.clearCalls();
  const response = await fetch(`${aws.url}/_fake/ping`);
  expect(response.status).toBe(204);
  expect(await response.text()).toBe("");
  expect(aws.calls).toEqual([]);
});
