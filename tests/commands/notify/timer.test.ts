/**
 * The notification timer and its scheduling rules with a clock that jumps instead of waiting:
 * slices of at most a minute, the two notices at the right moments, replaced or cancelled
 * timers ending silently, a suspended laptop, and each platform's notifier.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desktopCommand } from "../../../src/commands/notify/desktop.ts";
import { parseTimer } from "../../../src/commands/notify/index.ts";
import { describeSchedule, notifyBeforeSeconds } from "../../../src/commands/notify/schedule.ts";
import { readState, statePath, writeState } from "../../../src/commands/notify/state.ts";
import { runTimer } from "../../../src/commands/notify/timer.ts";
import type { Deps, ExecOptions } from "../../../src/deps.ts";
import { UsageError } from "../../../src/errors.ts";
import { testDeps } from "../../support/test-deps.ts";

const cache = mkdtempSync(join(tmpdir(), "awsmfa-timer-"));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 10, 21, 8, 0, 0);
const TOKEN = "0123456789abcdef0123456789abcdef";

interface World {
  deps: Deps;
  sleeps: number[];
  shown: { file: string; args: readonly string[]; at: number }[];
  /** Moves the clock on, as a suspended machine sees it on waking. */
  jump(ms: number): void;
}

function world(
  options: {
    platform?: NodeJS.Platform;
    /** Called before each sleep returns; may move the clock or change the state file. */
    onSleep?: (world: World, index: number) => Promise<void> | void;
  } = {},
): World {
  let now = T0;
  const w: World = {
    sleeps: [],
    shown: [],
    jump: (ms) => {
      now += ms;
    },
    deps: testDeps({
      env: { AWSMFA_CACHE_DIR: join(cache, Math.random().toString(36).slice(2)) },
      homedir: cache,
      platform: options.platform ?? "linux",
      fs: fsPromises,
      clock: {
        now: () => now,
        sleep: async (ms) => {
          w.sleeps.push(ms);
          now += ms;
          await options.onSleep?.(w, w.sleeps.length - 1);
        },
      },
      exec: async (file: string, args: readonly string[], _options?: ExecOptions) => {
        w.shown.push({ file, args, at: now });
        return { code: 0, signal: null, stdout: "", stderr: "", timedOut: false };
      },
    }).deps,
  };
  return w;
}

async function start(w: World, leftSeconds: number, beforeSeconds = 600) {
  const expires = Math.floor(T0 / 1000) + leftSeconds;
  await writeState(w.deps, {
    profile: "prod",
    pid: 4242,
    token: TOKEN,
    expires,
  });
  await runTimer({ profile: "prod", expires, beforeSeconds, token: TOKEN }, w.deps);
  return expires;
}

const titles = (w: World) => w.shown.map((s) => s.args[1]);

describe("the notification timer", () => {
  test("sleeps in slices of a minute at most, notifies 10 minutes before and at expiry, cleans up", async () => {
    const w = world();
    const expires = await start(w, 20 * 60);
    expect(Math.max(...w.sleeps)).toBe(60_000);
    expect(w.shown.map((s) => [s.file, s.args[1], s.at])).toEqual([
      ["notify-send", "AWS session for prod expires soon", T0 + 10 * 60_000],
      ["notify-send", "AWS session for prod has expired", expires * 1000],
    ]);
    expect(w.shown[0]!.args[2]).toMatch(/^10 minutes left \(until \d\d:\d\d\)\./);
    expect(await readState(w.deps, statePath(w.deps, "prod"))).toBeUndefined();
  });

  test("already inside the warning window: only the expiry notice", async () => {
    const w = world();
    await start(w, 5 * 60);
    expect(titles(w)).toEqual(["AWS session for prod has expired"]);
  });

  test("a replaced timer ends at its next wake-up, silently, and leaves the new record alone", async () => {
    const w = world({
      onSleep: async (w, index) => {
        if (index === 2) {
          await writeState(w.deps, {
            profile: "prod",
            pid: 99,
            token: "f".repeat(32),
            expires: 1,
          });
        }
      },
    });
    await start(w, 20 * 60);
    expect(w.shown).toEqual([]);
    expect(w.sleeps).toHaveLength(3);
    expect((await readState(w.deps, statePath(w.deps, "prod")))?.pid).toBe(99);
  });

  test("a cancelled timer (record removed) ends silently", async () => {
    const w = world({
      onSleep: async (w) => {
        await fsPromises.rm(statePath(w.deps, "prod"), { force: true });
      },
    });
    await start(w, 20 * 60);
    expect(w.shown).toEqual([]);
    expect(w.sleeps).toHaveLength(1);
  });

  test("woken long after the expiry (a suspended laptop): only 'expired', at once", async () => {
    const w = world({
      onSleep: (w, index) => {
        if (index === 0) w.jump(3 * 3600_000);
      },
    });
    await start(w, 20 * 60);
    expect(titles(w)).toEqual(["AWS session for prod has expired"]);
    expect(w.sleeps).toHaveLength(1);
  });

  test("macOS shows it with osascript, the texts as arguments; Windows has no notifier", async () => {
    const w = world({ platform: "darwin" });
    await start(w, 60);
    expect(w.shown[0]!.file).toBe("osascript");
    expect(w.shown[0]!.args.slice(-2)).toEqual([
      "AWS session for prod has expired",
      "Run `awsmfa prod` for a new session.",
    ]);
    expect(w.shown[0]!.args.join(" ")).not.toContain('"');
    expect(desktopCommand("win32")).toBeUndefined();
    expect(desktopCommand("freebsd")?.program).toBe("notify-send");
  });
});

describe("scheduling rules", () => {
  test.each([
    [undefined, 600],
    ["", 600],
    ["15m", 900],
    ["90", 90],
  ])("AWSMFA_NOTIFY_BEFORE=%p is %p seconds", (value, seconds) => {
    expect(notifyBeforeSeconds({ AWSMFA_NOTIFY_BEFORE: value })).toBe(seconds);
  });

  test.each(["soon", "0", "-5m"])("AWSMFA_NOTIFY_BEFORE=%p is a usage error", (value) => {
    expect(() => notifyBeforeSeconds({ AWSMFA_NOTIFY_BEFORE: value })).toThrow(UsageError);
  });

  test("says when the notifications come", () => {
    const expiration = new Date(T0 + 3600_000);
    expect(describeSchedule({ profile: "prod", expiration, beforeSeconds: 600 }, T0)).toMatch(
      /^Desktop notifications for prod at \d\d:50 and at \d\d:00, when it expires\.$/,
    );
    expect(describeSchedule({ profile: "prod", expiration, beforeSeconds: 7200 }, T0)).toMatch(
      /^Desktop notification for prod at \d\d:00, when it expires\.$/,
    );
  });

  test("the hidden _notify command checks its arguments", () => {
    const good = { profile: "p", expires: "1795212622", before: "600", token: TOKEN };
    expect(parseTimer(good)).toEqual({
      profile: "p",
      expires: 1795212622,
      beforeSeconds: 600,
      token: TOKEN,
    });
    expect(() => parseTimer({ ...good, token: "xyz" })).toThrow(UsageError);
    expect(() => parseTimer({ ...good, expires: "soon" })).toThrow(UsageError);
    expect(() => parseTimer({ ...good, before: "-1" })).toThrow(UsageError);
  });
});
