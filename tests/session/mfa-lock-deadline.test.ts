/**
 * The MFA lock's waiters follow the holder's deadline (session/hold-budget.ts, fs/lock.ts
 * holdForMs): with --otp-timeout 10m the holder may wait 10 minutes for a person, and callers
 * waiting on the lock (terraform's SDK clients) must not give up at their own 5 minutes while it
 * still legitimately waits. One process, two logins at once, a clock whose sleeps move time.
 */
import { expect, test } from "bun:test";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import type { Deps } from "../../src/deps.ts";
import type { OtpSource } from "../../src/otp/source.ts";
import { planLocally } from "../../src/session/local-plan.ts";
import { MFA_LOCK } from "../../src/session/mfa-lock.ts";
import { obtainSession } from "../../src/session/obtain.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

function setup() {
  const login = world.user({ region: "us-east-1" });
  let now = Date.now();
  const start = now;
  const { deps } = login.testDeps({
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
  });
  const obtain = async (otp: OtpSource) => {
    const local = planLocally(await readAwsFiles(deps), { profile: "prod" }, deps as Deps);
    return obtainSession(
      { ...local, serial: local.serial! },
      { durationSeconds: 3600, minRemainingSeconds: 60, force: false, otp },
      deps,
    );
  };
  return { aws: world.aws, serial: login.serial, deps, obtain, elapsed: () => now - start };
}

/** A person at the prompt with --otp-timeout 10m, who types the code after `typingMs`. */
function slowPerson(w: ReturnType<typeof setup>, typingMs: number, asked: string[]): OtpSource {
  return {
    name: "prompt",
    automatic: false,
    maxWaitMs: 3 * 10 * 60_000,
    available: async () => true,
    code: async () => {
      asked.push("holder");
      while (w.elapsed() < typingMs) await new Promise((resolve) => setImmediate(resolve));
      return w.aws.code(w.serial);
    },
  };
}

const never: OtpSource = {
  name: "prompt",
  automatic: false,
  available: async () => true,
  code: async () => {
    throw new Error("a waiter must not be asked: the holder's session is there for it");
  },
};

test("a waiter outlasts its own 5 minutes while the holder waits 8 for the code, then reuses its session", async () => {
  const w = setup();
  const asked: string[] = [];
  const holder = w.obtain(slowPerson(w, 8 * 60_000, asked));
  while (asked.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const waiter = await w.obtain(never);
  const held = await holder;
  expect(held.reused).toBe(false);
  expect(waiter).toEqual({ session: held.session, reused: true });
  expect(w.elapsed()).toBeGreaterThan(MFA_LOCK.timeoutMs);
  expect(w.aws.count("GetSessionToken")).toBeGreaterThan(0);
});
