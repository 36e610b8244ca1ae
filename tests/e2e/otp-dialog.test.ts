/**
 * The desktop code dialog for real: Xvfb, zenity, xdotool. credential-process runs with no
 * terminal (as an IDE runs it) and asks in a zenity dialog that names profile and device; a
 * screenshot is saved as an artifact (tests/support/xvfb.ts says where).
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { callsOf } from "../support/role-world.ts";
import { screenshot, typeInto, useXvfb, waitForNoWindow, waitForWindow } from "../support/xvfb.ts";

const world = useLoginWorld();
const xvfb = useXvfb("the dialog tests");
const missing = xvfb.missing;

function desktop(login: ReturnType<typeof world.user>, extra: Record<string, string> = {}) {
  return { env: { ...login.sandbox.env, DISPLAY: xvfb.name(), ...extra } };
}

describe.skipIf(missing.length > 0)("the code dialog (zenity under Xvfb)", () => {
  test("no terminal: the dialog names profile and device; a wrong answer is asked again", async () => {
    const login = world.user();
    const running = login.run(["credential-process", "prod"], desktop(login));
    const first = await waitForWindow(xvfb.name(), "awsmfa");
    const png = await screenshot(xvfb.name(), "otp-dialog.png");
    console.log(`screenshot of the code dialog: ${png}`);
    await typeInto(xvfb.name(), first, "12ab", "Return");
    // Asked again, saying why, before anything reaches AWS.
    await waitForNoWindow(xvfb.name(), "awsmfa");
    const second = await waitForWindow(xvfb.name(), "awsmfa");
    await screenshot(xvfb.name(), "otp-dialog-again.png");
    await typeInto(xvfb.name(), second, login.code(), "Return");
    const r = await running;
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.AccessKeyId).toMatch(/^ASIA/);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
  });

  test("--otp-source dialog; Cancel is like Ctrl-C: exit 130, nothing changed", async () => {
    const login = world.user();
    const before = login.sandbox.readConfig();
    const running = login.run(
      ["credential-process", "prod", "--otp-source", "dialog"],
      desktop(login),
    );
    const window = await waitForWindow(xvfb.name(), "awsmfa");
    await typeInto(xvfb.name(), window, "", "Escape");
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Cancelled.");
    expect(login.sandbox.readConfig()).toBe(before);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(0);
  });

  test("left unanswered: times out after AWSMFA_OTP_TIMEOUT with a clear error", async () => {
    const login = world.user();
    const started = Date.now();
    const r = await login.run(
      ["credential-process", "prod"],
      desktop(login, { AWSMFA_OTP_TIMEOUT: "2s" }),
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain("was not answered within 2s");
    expect(r.stderr).toContain("AWSMFA_OTP_TIMEOUT");
  });

  test("awsmfa sources lists the dialog with its availability", async () => {
    const login = world.user();
    const here = await login.run(["sources"], desktop(login));
    expect(here.stdout).toMatch(/dialog.*zenity/);
    const nowhere = await login.run(["sources"], { env: login.sandbox.env });
    expect(nowhere.stdout).toContain("DISPLAY and WAYLAND_DISPLAY are not set");
  });
});
