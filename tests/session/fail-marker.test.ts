/**
 * The marker a failed MFA-lock holder leaves: honoured by callers that were waiting, for a few
 * seconds only, and never when it is a symbolic link or others may write it.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync, lstatSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AuthError, CancelledError, NetworkError, UserError } from "../../src/errors.ts";
import {
  FAIL_MARKER_LIFE_MS,
  failMarkerPath,
  readFailMarker,
  repeatable,
  writeFailMarker,
} from "../../src/session/fail-marker.ts";
import { sandboxDeps } from "../otp/support/world.ts";
import { makeSandbox, type Sandbox } from "../support/sandbox.ts";

let sandbox: Sandbox | undefined;
afterEach(() => {
  sandbox?.cleanup();
  sandbox = undefined;
});

function world(start = 1_000_000) {
  sandbox = makeSandbox();
  let now = start;
  const clock = { now: () => now, sleep: async () => {} };
  const { deps } = sandboxDeps(sandbox, { clock });
  // Markers live in the cache folder, which is checked (config/cache-folder.ts).
  const path = join(sandbox.home, ".cache", "awsmfa", "sessions", "session.json");
  return { deps, path, advance: (ms: number) => (now += ms), now: () => now };
}

describe("the fail marker", () => {
  test("a waiter that started before the failure fails the same way", async () => {
    const w = world();
    const since = w.now();
    w.advance(100);
    await writeFailMarker(w.deps, w.path, new CancelledError());
    expect(lstatSync(failMarkerPath(w.path)).mode & 0o777).toBe(0o600);
    const again = await readFailMarker(w.deps, w.path, since);
    expect(again?.code).toBe("cancelled");
    expect(again?.message).toBe("Cancelled.");
  });

  test("a caller that started after the failure, or too late, prompts normally", async () => {
    const w = world();
    const since = w.now();
    await writeFailMarker(w.deps, w.path, new UserError("wrong device", { hint: "fix it" }));
    expect(await readFailMarker(w.deps, w.path, since + 1)).toBeUndefined();
    w.advance(FAIL_MARKER_LIFE_MS + 1);
    expect(await readFailMarker(w.deps, w.path, since)).toBeUndefined();
  });

  test("a marker others may write, or a symbolic link to one, is ignored", async () => {
    const w = world();
    const since = w.now() - 1;
    await writeFailMarker(w.deps, w.path, new CancelledError());
    chmodSync(failMarkerPath(w.path), 0o666);
    expect(await readFailMarker(w.deps, w.path, since)).toBeUndefined();
    const real = join(sandbox!.home, "planted.json");
    writeFileSync(real, JSON.stringify({ at: w.now(), code: "cancelled", message: "x" }), {
      mode: 0o600,
    });
    unlinkSync(failMarkerPath(w.path));
    symlinkSync(real, failMarkerPath(w.path));
    expect(await readFailMarker(w.deps, w.path, since)).toBeUndefined();
  });

  test("which failures another try would repeat", () => {
    expect(repeatable(new CancelledError())).toBe(true);
    expect(repeatable(new UserError("no terminal", { code: "noTerminal" }))).toBe(true);
    expect(repeatable(new AuthError("AWS refused the access key AKIA****WXYZ."))).toBe(true);
    expect(repeatable(new AuthError("AWS rejected the MFA code."))).toBe(false);
    expect(repeatable(new NetworkError("timed out"))).toBe(false);
    expect(repeatable(new Error("bug"))).toBe(false);
  });
});
