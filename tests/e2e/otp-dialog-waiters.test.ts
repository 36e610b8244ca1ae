/**
 * The desktop code dialog with many callers (an IDE's SDK clients ask at once): one Cancel, or
 * one dialog left unanswered, ends the wait for every caller of the same device; none of them
 * opens a dialog of its own afterwards.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { callsOf } from "../support/role-world.ts";
import { typeInto, useXvfb, waitForWindow } from "../support/xvfb.ts";

const world = useLoginWorld();
const xvfb = useXvfb("the dialog tests");
const missing = xvfb.missing;

describe.skipIf(missing.length > 0)("the code dialog with three callers at once", () => {
  test("one Cancel: all three exit 130 within 5 s; nothing asked of AWS", async () => {
    const login = world.user();
    const env = { env: { ...login.sandbox.env, DISPLAY: xvfb.name() } };
    const runs = [0, 1, 2].map(() => login.run(["credential-process", "prod"], env));
    const window = await waitForWindow(xvfb.name(), "awsmfa");
    const cancelled = Date.now();
    await typeInto(xvfb.name(), window, "", "Escape");
    const results = await Promise.all(runs);
    expect(Date.now() - cancelled).toBeLessThan(5_000);
    for (const r of results) {
      expect(r.code).toBe(130);
      expect(r.stdout).toBe("");
    }
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(0);
  });

  test("three `awsmfa exec` at once, one Cancel: none runs its program, all exit 130", async () => {
    const login = world.user();
    const env = { env: { ...login.sandbox.env, DISPLAY: xvfb.name() } };
    const marker = `${login.sandbox.home}/ran`;
    const runs = [0, 1, 2].map(() =>
      login.run(["exec", "prod", "--", "sh", "-c", `echo x >>'${marker}'`], env),
    );
    const window = await waitForWindow(xvfb.name(), "awsmfa");
    await typeInto(xvfb.name(), window, "", "Escape");
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code).toBe(130);
    expect(await Bun.file(marker).exists()).toBe(false);
  });

  test("a dialog left unanswered: all three end with its timeout, not one timeout each", async () => {
    const login = world.user();
    const env = { env: { ...login.sandbox.env, DISPLAY: xvfb.name(), AWSMFA_OTP_TIMEOUT: "3s" } };
    const started = Date.now();
    const results = await Promise.all(
      [0, 1, 2].map(() => login.run(["credential-process", "prod"], env)),
    );
    expect(Date.now() - started).toBeLessThan(9_000);
    for (const r of results) {
      expect(r.code).toBe(8);
      expect(r.stderr).toContain("AWSMFA_OTP_TIMEOUT");
    }
  });
});
