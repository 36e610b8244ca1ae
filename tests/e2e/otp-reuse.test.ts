/**
 * The reuse guard with the real binary and real time: these tests wait for the next 30-second
 * window for real (the binary's clock cannot be moved), so there are only two, and they run
 * at the same time. Everything else about the guard is tested in process (tests/otp/).
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { ITEM, otpUser } from "../support/otp-user.ts";

const world = useLoginWorld();
const WINDOW_MS = 30_000;
const window = (ms: number) => Math.floor(ms / WINDOW_MS);

/** If this window ends in under 6 s, wait for the next one: the first login must not cross. */
async function earlyEnoughInWindow(): Promise<void> {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < 6000) await Bun.sleep(left + 200);
}

describe("reuse guard (real time)", () => {
  test.concurrent("two profiles sharing a device, back to back: the second waits for the next window; no refused call", async () => {
    const u = otpUser(world);
    // staging shares prod's keys and device; --force on the second login, or it would
    // simply reuse prod's cached session.
    u.configure(
      "awsmfa_otp_source = 1password",
      `awsmfa_op_item = ${ITEM}`,
      "[profile staging]",
      `mfa_serial = ${u.serial}`,
      "awsmfa_long_term_profile = prod-long-term",
      `awsmfa_op_item = ${ITEM}`,
    );
    await earlyEnoughInWindow();
    const first = await u.runWith("ok", ["prod", "--format", "json"]);
    expect(first.code).toBe(0);
    const second = await u.runWith("ok", ["staging", "--format", "json", "--force"], {
      timeoutMs: 50_000,
    });
    expect(second.stderr).toMatch(/The current code of \S+ was already used\. Waiting \d+s/);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).AccessKeyId).not.toBe(JSON.parse(first.stdout).AccessKeyId);
    const calls = u.sessionCalls();
    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    expect(window(calls[1]!.at)).toBe(window(calls[0]!.at) + 1);
    expect(u.tools.calls()).toHaveLength(2);
  }, 60_000);

  test.concurrent("a code AWS refuses is retried once, in the next window", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = pass", `awsmfa_pass_entry = ${ITEM}`);
    // stale-once: the first answer is a 90-second-old code, then the current one.
    const r = await u.runWith("stale-once", ["prod", "--format", "json"], { timeoutMs: 50_000 });
    expect(r.stderr).toContain("AWS refused that code. Waiting");
    expect(r.code).toBe(0);
    const calls = u.sessionCalls();
    expect(calls.map((c) => c.status)).toEqual([403, 200]);
    expect(window(calls[1]!.at)).toBeGreaterThan(window(calls[0]!.at));
    expect(u.tools.calls()).toHaveLength(2);
  }, 60_000);
});
