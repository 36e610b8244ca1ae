/**
 * login --notify with the compiled binary, the fake AWS handing out sessions of a few seconds
 * and a stand-in notify-send on PATH that writes down what it was asked to show. The waits
 * are real: the timer's whole job is to wait.
 */
import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cancelNotifications } from "../../src/commands/notify/schedule.ts";
import { readState, statePath } from "../../src/commands/notify/state.ts";
import { realDeps } from "../../src/system/index.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { processFacts } from "../support/process-facts.ts";

const world = useLoginWorld();
const bin = mkdtempSync(join(tmpdir(), "awsmfa-notify-bin-"));
const empty = mkdtempSync(join(tmpdir(), "awsmfa-empty-path-"));
writeFileSync(
  join(bin, "notify-send"),
  `#!/bin/sh\nprintf '%s\\037' "$@" >> "$FAKE_NOTIFY_LOG"\nprintf '\\n' >> "$FAKE_NOTIFY_LOG"\n`,
  { mode: 0o755 },
);
const started: number[] = [];
afterEach(() => {
  world.aws.sessionLifetimeOverrideSeconds = undefined;
});
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone, as it should be
    }
  }
  rmSync(bin, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await Bun.sleep(50);
  }
}

function notifying(user: ReturnType<typeof world.user>) {
  const log = join(user.sandbox.home, "notifications.log");
  const env = {
    ...user.sandbox.env,
    PATH: `${bin}:${user.sandbox.env.PATH}`,
    FAKE_NOTIFY_LOG: log,
    // Sessions of 4 s: the first notice 3 s after issue, so a slow login (loaded CI) still
    // schedules both.
    AWSMFA_NOTIFY_BEFORE: "1",
  };
  const shown = () =>
    existsSync(log)
      ? readFileSync(log, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => line.split("\x1f").slice(0, -1))
      : [];
  const deps = {
    env,
    homedir: user.sandbox.home,
    platform: process.platform,
    fs: fsPromises,
    uid: undefined,
    gid: undefined,
  };
  const state = () => readState(deps, statePath(deps, user.profile));
  return { env, shown, state };
}

describe("login --notify", () => {
  test("one background timer per login: notified before and at expiry, then it ends; cancelNotifications (for logout) ends one early", async () => {
    const kept = world.user();
    const cancelled = world.user();
    const a = notifying(kept);
    const b = notifying(cancelled);
    world.aws.sessionLifetimeOverrideSeconds = 4;
    const r = await kept.run(["prod", "--otp", kept.code(), "--notify"], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /Desktop notifications for prod at \d\d:\d\d and at \d\d:\d\d, when it expires\.\n/,
    );
    expect(
      (await cancelled.run(["prod", "--otp", cancelled.code(), "--notify"], { env: b.env })).code,
    ).toBe(0);
    const timer = (await a.state())!;
    const doomed = (await b.state())!;
    started.push(timer.pid, doomed.pid);
    expect(alive(timer.pid)).toBe(true);
    // A process of its own that holds no AWS variables.
    const environ = readFileSync(`/proc/${timer.pid}/environ`, "utf8").split("\0");
    expect(environ.filter((entry) => entry.startsWith("AWS_"))).toEqual([]);
    expect(readFileSync(`/proc/${timer.pid}/cmdline`, "utf8")).toContain("_notify");

    // logout will call this; here it is called directly, with the real Deps.
    const deps = realDeps(processFacts({ env: b.env, homedir: cancelled.sandbox.home }));
    expect(await cancelNotifications(deps, "prod")).toBe(1);
    await until("the cancelled timer to end", () => !alive(doomed.pid), 3000);
    expect(await b.state()).toBeUndefined();
    expect(await cancelNotifications(deps)).toBe(0);

    await until("two notifications", () => a.shown().length >= 2, 8000);
    const [soon, expired] = a.shown();
    expect(soon).toEqual([
      "--app-name=awsmfa",
      "AWS session for prod expires soon",
      expect.stringMatching(
        /^1 minute left \(until \d\d:\d\d\)\. Run `awsmfa prod` for a new session\.$/,
      ),
    ]);
    expect(expired).toEqual([
      "--app-name=awsmfa",
      "AWS session for prod has expired",
      "Run `awsmfa prod` for a new session.",
    ]);
    await until("the timer to end", () => !alive(timer.pid), 3000);
    expect(await a.state()).toBeUndefined();
    expect(a.shown()).toHaveLength(2);
    expect(b.shown()).toEqual([]);
  }, 20_000);

  test("logging in again with --notify replaces the timer", async () => {
    const user = world.user({ devices: 2 });
    const { env, shown, state } = notifying(user);
    world.aws.sessionLifetimeOverrideSeconds = 60;
    expect((await user.run(["prod", "--otp", user.code(), "--notify"], { env })).code).toBe(0);
    const first = (await state())!;
    started.push(first.pid);
    const second = user.user.devices[1]!.serial;
    world.aws.sessionLifetimeOverrideSeconds = 4;
    const again = await user.run(
      ["prod", "--serial", second, "--otp", world.aws.code(second), "--force", "--notify"],
      { env },
    );
    expect(again.code).toBe(0);
    const replaced = (await state())!;
    started.push(replaced.pid);
    expect(replaced.pid).not.toBe(first.pid);
    expect(replaced.token).not.toBe(first.token);
    await until("the first timer to end", () => !alive(first.pid), 3000);
    await until("the second timer's notifications", () => shown().length >= 2, 8000);
    await until("the second timer to end", () => !alive(replaced.pid), 3000);
    expect(shown().map((notice) => notice[1])).toEqual([
      "AWS session for prod expires soon",
      "AWS session for prod has expired",
    ]);
  }, 20_000);

  test("without notify-send it says so and the login still succeeds", async () => {
    const user = world.user();
    const { state } = notifying(user);
    const r = await user.run(["prod", "--otp", user.code(), "--notify"], {
      env: { ...user.sandbox.env, PATH: empty },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("AWS_SESSION_TOKEN");
    expect(r.stderr).toContain(
      "Note: --notify: notify-send is not installed, so nothing was scheduled.",
    );
    expect(await state()).toBeUndefined();
  });

  test("AWSMFA_NOTIFY=1 turns it on; a malformed AWSMFA_NOTIFY_BEFORE stops before any code is sent", async () => {
    const user = world.user();
    const { env, state } = notifying(user);
    const bad = await user.run(["prod", "--otp", user.code(), "--notify"], {
      env: { ...env, AWSMFA_NOTIFY_BEFORE: "soonish" },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('AWSMFA_NOTIFY_BEFORE "soonish" is not a duration.');
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.user.accessKeyId)).toEqual([]);
    world.aws.sessionLifetimeOverrideSeconds = 900;
    const on = await user.run(["prod", "--otp", user.code()], {
      env: { ...env, AWSMFA_NOTIFY: "1" },
    });
    expect(on.code).toBe(0);
    expect(on.stderr).toContain("Desktop notifications for prod");
    const timer = (await state())!;
    started.push(timer.pid);
    expect(alive(timer.pid)).toBe(true);
  });

  test("logout cancels the timer of the profile it logs out of", async () => {
    const user = world.user();
    const { env, state } = notifying(user);
    const r = await user.run(["prod", "--otp", user.code(), "--notify", "--no-write"], { env });
    expect(r.code).toBe(0);
    const timer = await state();
    expect(timer).toBeDefined();
    started.push(timer!.pid);
    await until("the timer to start", () => alive(timer!.pid), 3000);
    const out = await user.run(["logout", "prod"], { env });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("Cancelled 1 expiry notification");
    await until("the cancelled timer to end", () => !alive(timer!.pid), 3000);
  });
});
