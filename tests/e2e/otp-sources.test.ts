/**
 * Every automatic code source, end to end: the compiled binary runs the fake op, bw, ykman,
 * pass or the user's own command, which answers with the fake device's current code, and the
 * login succeeds. Each fake checks its argv as the real tool needs it; none sees a secret.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { ITEM, otpUser } from "../support/otp-user.ts";

const world = useLoginWorld();

describe("code sources", () => {
  test("1password from the profile's config: op item get ITEM --otp --account --vault", async () => {
    const u = otpUser(world);
    u.configure(
      "awsmfa_otp_source = 1password",
      `awsmfa_op_item = ${ITEM}`,
      "awsmfa_op_account = my.1password.com",
      "awsmfa_op_vault = Work",
    );
    const r = await u.runWith("ok", ["prod", "--format", "json"]);
    expect(r.stderr).toContain("New session for prod");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).AccessKeyId).toStartWith("ASIA");
    expect(u.tools.calls().map((c) => [c.tool, c.args])).toEqual([
      ["op", ["item", "get", ITEM, "--otp", "--account", "my.1password.com", "--vault", "Work"]],
    ]);
  });

  test("bitwarden: bw get totp ITEM; BW_SESSION reaches bw through its environment only", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = bw", `awsmfa_bw_item = ${ITEM}`);
    const session = "c2VjcmV0LXNlc3Npb24ta2V5LWZvci1idw==";
    const r = await u.runWith("ok", ["prod", "--format", "json"], { env: { BW_SESSION: session } });
    expect(r.code).toBe(0);
    const calls = u.tools.calls();
    expect(calls.map((c) => [c.tool, c.args])).toEqual([
      ["bw", ["get", "totp", ITEM, "--nointeraction"]],
    ]);
    expect(calls[0]!.bwSession).toBe(session);
    expect(calls.flatMap((c) => c.args).join(" ")).not.toContain(session);
    expect(r.stderr + r.stdout).not.toContain(session);
  });

  test("ykman from flags: --device before the subcommand; 'touch your YubiKey' while it waits", async () => {
    const u = otpUser(world);
    const r = await u.runWith("touch", [
      "prod",
      "--format",
      "json",
      "--otp-source",
      "yubikey",
      "--ykman-account",
      ITEM,
      "--ykman-device",
      "12345678",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Touch your YubiKey if it blinks (code for ${ITEM})`);
    expect(u.tools.calls().map((c) => [c.tool, c.args])).toEqual([
      ["ykman", ["--device", "12345678", "oath", "accounts", "code", "--single", ITEM]],
    ]);
  });

  test("pass from the environment: AWSMFA_OTP_SOURCE and AWSMFA_PASS_ENTRY", async () => {
    const u = otpUser(world);
    const r = await u.runWith("ok", ["prod", "--format", "json"], {
      env: { AWSMFA_OTP_SOURCE: "pass", AWSMFA_PASS_ENTRY: ITEM },
    });
    expect(r.code).toBe(0);
    expect(u.tools.calls().map((c) => [c.tool, c.args])).toEqual([["pass", ["otp", ITEM]]]);
  });

  test("command: split like a shell, run without one", async () => {
    const u = otpUser(world);
    u.configure(`awsmfa_otp_command = mycode "${ITEM}" 'two words' a\\ b $HOME`);
    const r = await u.runWith("ok", ["prod", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(u.tools.calls().map((c) => [c.tool, c.args])).toEqual([
      ["mycode", [ITEM, "two words", "a b", "$HOME"]],
    ]);
  });

  test("an item alone names its source: --op-item means 1Password", async () => {
    const u = otpUser(world);
    const r = await u.runWith("ok", ["prod", "--format", "json", "--op-item", ITEM]);
    expect(r.code).toBe(0);
    expect(u.tools.calls().map((c) => c.tool)).toEqual(["op"]);
  });

  // The reuse guard would make a second automatic login of one device in this window wait,
  // so each case has its own user (and device).
  test.each([
    ["the flag", ["--otp-source", "pass", "--pass-entry", ITEM], "pass"],
    ["the environment", [], "bw"],
  ])("flag over environment over config: %s decides", async (_, flags, tool) => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = ykman", `awsmfa_ykman_account = ${ITEM}`);
    const env = { AWSMFA_OTP_SOURCE: "bitwarden", AWSMFA_BW_ITEM: ITEM, BW_SESSION: "x" };
    const r = await u.runWith("ok", ["prod", "--format", "json", ...flags], { env });
    expect(r.code).toBe(0);
    expect(u.tools.calls().map((c) => c.tool)).toEqual([tool]);
  });

  test.each([
    ["only the long-term profile names one: it is used", [], "pass"],
    ["the profile names its own: it wins", [`awsmfa_otp_command = mycode "${ITEM}"`], "mycode"],
  ])("awsmfa_* keys in the long-term profile: %s", async (_, lines, tool) => {
    const u = otpUser(world);
    u.sandbox.writeCredentials(
      `${u.sandbox.readCredentials()}awsmfa_otp_source = pass\nawsmfa_pass_entry = ${ITEM}\n`,
    );
    if (lines.length > 0) u.configure(...lines);
    const r = await u.runWith("ok", ["prod", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(u.tools.calls().map((c) => c.tool)).toEqual([tool]);
  });

  test("a cached session never runs the password manager", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = 1password", `awsmfa_op_item = ${ITEM}`);
    expect((await u.runWith("ok", ["prod"])).code).toBe(0);
    const again = await u.runWith("locked", ["prod"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Reusing session for prod");
    expect(u.tools.calls()).toHaveLength(1);
  });

  test("--otp still wins over a configured source, which is then never run", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = 1password", `awsmfa_op_item = ${ITEM}`);
    const r = await u.runWith("locked", ["prod", "--otp", u.code()]);
    expect(r.code).toBe(0);
    expect(u.tools.calls()).toHaveLength(0);
  });
});
