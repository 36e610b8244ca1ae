/**
 * A wrong local clock (issue 11, item 13): the fake AWS dates its answers (and checks request
 * times) with its own clock, offset from ours, as real AWS does for a computer whose clock is
 * off. The expiration AWS returns is in AWS's time: the session must be counted by AWS's clock,
 * the next login must reuse it, the person must be told that the clock, not AWS, is wrong, and
 * the Expiration handed to programs here is in this computer's clock, which they compare it with.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
const HOUR = 3600_000;

/** Runs `body` with AWS's clock `offsetMs` from ours (ours is off by minus that). */
async function withAwsClock(offsetMs: number, body: () => Promise<void>): Promise<void> {
  const before = world.aws.clockOffsetMs;
  world.aws.clockOffsetMs = offsetMs;
  try {
    await body();
  } finally {
    world.aws.clockOffsetMs = before;
  }
}

function sessionCalls(accessKeyId: string): number {
  return world.aws.calls.filter(
    (c) => c.accessKeyId === accessKeyId && c.action === "GetSessionToken" && c.status === 200,
  ).length;
}

describe("a wrong local clock", () => {
  test("13 h ahead: the session is 12h00m long, the clock is named, the next login reuses it", async () => {
    await withAwsClock(-13 * HOUR, async () => {
      const { run, code, user } = world.user();
      const first = await run(["login", "prod", "--otp", code(), "--format", "json"]);
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/New session for prod, valid for 12h00m/);
      expect(first.stderr).not.toContain("AWS granted");
      expect(first.stderr).toContain("this computer's clock is 13h00m ahead of AWS");
      expect(first.stderr).toContain("sudo timedatectl set-ntp true");
      expect(sessionCalls(user.accessKeyId)).toBe(1);
      // Programs here compare Expiration with this computer's clock: it is given in that clock.
      const left = Date.parse(JSON.parse(first.stdout).Expiration) - Date.now();
      expect(Math.abs(left - 12 * HOUR)).toBeLessThan(120_000);
      // No code and no terminal: it can only succeed from the cache.
      const second = await run(["login", "prod", "--format", "json"]);
      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/Reusing session for prod, valid for 1[12]h\d\dm\n/);
      expect(second.stdout).toBe(first.stdout);
      expect(sessionCalls(user.accessKeyId)).toBe(1);
    });
  });

  test("a day behind: 12h00m, not 36h00m; reused while valid in AWS's time", async () => {
    await withAwsClock(24 * HOUR, async () => {
      const { run, code, user } = world.user();
      const first = await run(["login", "prod", "--otp", code(), "--format", "json"]);
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/New session for prod, valid for 12h00m/);
      expect(first.stderr).not.toContain("36h");
      expect(first.stderr).toContain("this computer's clock is 24h00m behind AWS");
      const left = Date.parse(JSON.parse(first.stdout).Expiration) - Date.now();
      expect(Math.abs(left - 12 * HOUR)).toBeLessThan(120_000);
      const second = await run(["login", "prod", "--format", "json", "--min-remaining", "11h"]);
      expect(second.code).toBe(0);
      expect(second.stderr).toMatch(/Reusing session for prod, valid for 1[12]h\d\dm\n/);
      expect(sessionCalls(user.accessKeyId)).toBe(1);
      // More than it has left in AWS's time (local time would say 36 h): a new code is needed.
      const third = await run(["login", "prod", "--format", "json", "--min-remaining", "13h"]);
      expect(third.code).toBe(7);
      expect(sessionCalls(user.accessKeyId)).toBe(1);
    });
  });

  test("a clock a few seconds off is not worth a word", async () => {
    await withAwsClock(5_000, async () => {
      const { run, code } = world.user();
      const r = await run(["login", "prod", "--otp", code(), "--format", "json"]);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain("clock");
    });
  });
});
