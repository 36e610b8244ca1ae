/**
 * The reuse guard's record lives in the cache folder: a window far in the future (a clock set
 * back, a damaged or planted record) must not make awsmfa wait for it: every wait has a deadline.
 */
import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { waitForUnusedWindow, windowAt, windowFilePath } from "../../src/otp/reuse-guard.ts";
import { TEST_NOW, testDeps } from "../support/test-deps.ts";

test("a recorded window past the next one is ignored, not waited for", async () => {
  const home = mkdtempSync(join(tmpdir(), "awsmfa-guard-"));
  try {
    const slept: number[] = [];
    const { deps } = testDeps({
      env: { AWSMFA_CACHE_DIR: join(home, "cache") },
      homedir: home,
      clock: { now: () => TEST_NOW, sleep: async (ms) => void slept.push(ms) },
    });
    const serial = "arn:aws:iam::123456789012:mfa/me";
    const path = windowFilePath(deps, serial);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const write = (window: number) =>
      writeFileSync(path, JSON.stringify({ format: 1, serial, window }), { mode: 0o600 });
    write(windowAt(TEST_NOW) + 1e9);
    await waitForUnusedWindow(deps, serial);
    expect(slept).toEqual([]);
    // The current window is still waited out: that is the guard's job.
    write(windowAt(TEST_NOW));
    await waitForUnusedWindow(deps, serial);
    expect(slept.length).toBe(1);
    expect(slept[0]!).toBeLessThanOrEqual(31_000);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
