/**
 * The reuse guard and the retry of automatic codes, in process, against the fake AWS: the
 * clock is the fake's, and sleeping moves both forward, so waits for the next window are
 * instant while AWS still judges every code by its own time.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readAwsFiles } from "../../src/config/aws-files.ts";
import type { Deps } from "../../src/deps.ts";
import { AuthError } from "../../src/errors.ts";
import {
  lastUsedWindow,
  prepareWindowRecord,
  recordUsedWindow,
  WINDOW_MS,
  windowAt,
  windowFilePath,
} from "../../src/otp/reuse-guard.ts";
import type { OtpSource } from "../../src/otp/source.ts";
import { getSession } from "../../src/session/get-session.ts";
import { printableLine } from "../../src/system/printable.ts";
import type { FakeAws } from "../support/fake-aws.ts";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { awsClock, recordingTerminal, sandboxDeps } from "./support/world.ts";

const world = useLoginWorld();
// Sleeping moves the fake's clock; put it back, so that offsets never add up to a clock skew
// the SDK would correct (and retry) by itself.
afterEach(() => {
  world.aws.clockOffsetMs = 0;
});

/** An automatic source that reads the device like a password manager would. */
function device(aws: FakeAws, serial: string, ageMs: (call: number) => number = () => 0) {
  let calls = 0;
  const source: OtpSource = {
    name: "test-manager",
    automatic: true,
    available: async () => true,
    code: async () => aws.code(serial, aws.now() - ageMs(++calls)),
  };
  return { source, calls: () => calls };
}

/** A code typed by a person (not automatic): the guard leaves it alone. */
function typed(code: () => string): OtpSource {
  return {
    name: "argument",
    automatic: false,
    available: async () => true,
    code: async () => code(),
  };
}

async function login(deps: Deps, otp: OtpSource) {
  const files = await readAwsFiles(deps);
  return getSession(
    files,
    {
      profile: "prod",
      durationSeconds: 3600,
      minRemainingSeconds: 900,
      force: true,
      otp: () => otp,
    },
    deps,
  );
}

function sessionCalls(u: LoginUser) {
  return world.aws.calls.filter(
    (c) => c.accessKeyId === u.user.accessKeyId && c.action === "GetSessionToken",
  );
}

/** Starts the test early in a window, so that two quick logins share it. */
function startOfWindow(aws: FakeAws) {
  aws.clockOffsetMs += WINDOW_MS - (aws.now() % WINDOW_MS) + 100;
}

describe("reuse guard", () => {
  test("back to back on one device: the second login waits for the next window, no refusal", async () => {
    const u = world.user();
    startOfWindow(world.aws);
    const { clock, sleeps } = awsClock(world.aws);
    const { deps, stderr } = sandboxDeps(u.sandbox, { clock });
    const first = device(world.aws, u.serial);
    await login(deps, first.source);
    expect(sleeps).toEqual([]);
    const second = device(world.aws, u.serial);
    await login(deps, second.source);
    expect(stderr()).toMatch(/The current code of \d{12}:mfa\/\S+ was already used\. Waiting \d+s/);
    const calls = sessionCalls(u);
    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    expect(windowAt(calls[1]!.at)).toBe(windowAt(calls[0]!.at) + 1);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(WINDOW_MS + 1000);
  });

  test("the countdown on a terminal counts down second by second, then clears its line", async () => {
    const u = world.user();
    startOfWindow(world.aws);
    const { clock } = awsClock(world.aws);
    const terminal = recordingTerminal();
    const { deps, stderr } = sandboxDeps(u.sandbox, { clock, terminal });
    await login(deps, device(world.aws, u.serial).source);
    await login(deps, device(world.aws, u.serial).source);
    const counts = terminal.written
      .map((t) => /Waiting (\d+)s/.exec(t)?.[1])
      .filter((n) => n !== undefined)
      .map(Number);
    expect(counts.length).toBeGreaterThan(25);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.at(-1)).toBe(1);
    expect(printableLine(terminal.written.at(-1)!)).toBe("\r\x1b[K");
    expect(stderr()).not.toContain("Waiting");
  });

  test("a code a person typed is remembered too: the next automatic code waits", async () => {
    const u = world.user();
    startOfWindow(world.aws);
    const { clock, sleeps } = awsClock(world.aws);
    const { deps } = sandboxDeps(u.sandbox, { clock });
    await login(deps, typed(u.code));
    await login(deps, device(world.aws, u.serial).source);
    expect(sleeps.length).toBe(1);
    expect(sessionCalls(u).map((c) => c.status)).toEqual([200, 200]);
  });

  test("the guard never holds up a person: a typed code is sent at once", async () => {
    const u = world.user();
    startOfWindow(world.aws);
    const { clock, sleeps } = awsClock(world.aws);
    const { deps } = sandboxDeps(u.sandbox, { clock });
    await login(deps, device(world.aws, u.serial).source);
    const reused = u.code();
    await expect(
      login(
        deps,
        typed(() => reused),
      ),
    ).rejects.toThrow(AuthError);
    expect(sleeps).toEqual([]);
  });

  test("a refused automatic code is retried once, in the next window", async () => {
    const u = world.user();
    startOfWindow(world.aws);
    const { clock, sleeps } = awsClock(world.aws);
    const { deps, stderr } = sandboxDeps(u.sandbox, { clock });
    // The first code is 90 s old (a manager with a slow clock, or a code used elsewhere).
    const stale = device(world.aws, u.serial, (call) => (call === 1 ? 90_000 : 0));
    await login(deps, stale.source);
    expect(stale.calls()).toBe(2);
    expect(stderr()).toContain("AWS refused that code. Waiting");
    const calls = sessionCalls(u);
    expect(calls.map((c) => c.status)).toEqual([403, 200]);
    expect(windowAt(calls[1]!.at)).toBeGreaterThan(windowAt(calls[0]!.at));
    expect(sleeps.length).toBe(1);
  });

  test("refused twice: the error stands after exactly two calls", async () => {
    const u = world.user();
    const { clock } = awsClock(world.aws);
    const { deps } = sandboxDeps(u.sandbox, { clock });
    const old = device(world.aws, u.serial, () => 90_000);
    await expect(login(deps, old.source)).rejects.toThrow("rejected the MFA code");
    expect(old.calls()).toBe(2);
    expect(sessionCalls(u)).toHaveLength(2);
  });
});

describe("the window file", () => {
  test("keeps the latest window, per device, in a 0600 file; a damaged file is ignored", async () => {
    const u = world.user();
    const { clock } = awsClock(world.aws);
    const { deps } = sandboxDeps(u.sandbox, { clock });
    expect(await lastUsedWindow(deps, u.serial)).toBeUndefined();
    await recordUsedWindow(deps, u.serial, 100);
    await recordUsedWindow(deps, u.serial, 99);
    expect(await lastUsedWindow(deps, u.serial)).toBe(100);
    expect(await lastUsedWindow(deps, `${u.serial}-other`)).toBeUndefined();
    const path = windowFilePath(deps, u.serial);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      format: 1,
      serial: u.serial,
      window: 100,
    });
    for (const damaged of ["{", '{"format":1,"serial":"x","window":5}', '{"format":1}', ""]) {
      writeFileSync(path, damaged);
      expect(await lastUsedWindow(deps, u.serial)).toBeUndefined();
    }
    await recordUsedWindow(deps, u.serial, 7);
    expect(await lastUsedWindow(deps, u.serial)).toBe(7);
  });
});

describe("prepareWindowRecord (while AWS answers)", () => {
  test("gives the record's path and only looks: a missing folder is made by the write", async () => {
    const u = world.user();
    const { clock } = awsClock(world.aws);
    const { deps } = sandboxDeps(u.sandbox, { clock });
    const path = prepareWindowRecord(deps, u.serial);
    expect(path).toBe(windowFilePath(deps, u.serial));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(existsSync(dirname(path))).toBe(false);
    await recordUsedWindow(deps, u.serial, 42, path);
    expect(await lastUsedWindow(deps, u.serial)).toBe(42);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });

  test("a cache folder another user could change: no error from the look, the write refuses", async () => {
    const u = world.user();
    const { clock } = awsClock(world.aws);
    const { deps } = sandboxDeps(u.sandbox, { clock });
    const path = windowFilePath(deps, u.serial);
    await recordUsedWindow(deps, u.serial, 1);
    chmodSync(dirname(path), 0o777);
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", note);
    try {
      expect(prepareWindowRecord(deps, u.serial)).toBe(path);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
      await expect(recordUsedWindow(deps, u.serial, 2, path)).rejects.toThrow();
    } finally {
      process.off("unhandledRejection", note);
      chmodSync(dirname(path), 0o700);
    }
  });
});
