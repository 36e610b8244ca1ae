/**
 * Issue 11, item 6: a notify record planted with the victim's pid and an empty token must not
 * make `logout --all` signal that process ("".includes matched every command line).
 */
import { expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cancelNotifications } from "../../../src/commands/notify/schedule.ts";
import { statePath } from "../../../src/commands/notify/state.ts";

test("an empty or foreign-looking token never gets a process signalled", async () => {
  const home = mkdtempSync(join(tmpdir(), "awsmfa-notify-"));
  try {
    const stopped: number[] = [];
    const deps = {
      env: { AWSMFA_CACHE_DIR: join(home, "cache") },
      homedir: home,
      platform: "linux" as const,
      fs,
      exec: async () => ({ code: 0, signal: null, stdout: "", stderr: "", timedOut: false }),
      background: {
        spawn: () => undefined,
        stop: (pid: number) => {
          stopped.push(pid);
          return true;
        },
      },
    };
    for (const [profile, token] of [
      ["a", ""],
      ["b", "x"],
    ] as const) {
      const path = statePath(deps, profile);
      mkdirSync(join(path, ".."), { recursive: true });
      // process.pid: its command line is readable, and contains "" and "x" (bun ... x...).
      writeFileSync(path, JSON.stringify({ profile, pid: process.pid, token, expires: 1 }));
    }
    // Such a record is no timer's: removed, not counted, nothing signalled.
    expect(await cancelNotifications(deps as never)).toBe(0);
    expect(stopped).toEqual([]);
    expect(existsSync(statePath(deps, "a"))).toBe(false);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
