/**
 * Code sources that fail: locked, signed out, missing, too slow, printing nonsense, or set up
 * wrong. Each gives its documented exit code and a message naming the fix, sends nothing to
 * AWS, and never repeats what the tool printed (MARKER is in all of it).
 */
import { describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MARKER } from "../support/fake-otp-tools.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { ITEM, type OtpUser, otpUser } from "../support/otp-user.ts";

const world = useLoginWorld();

const SETUPS: Record<string, string[]> = {
  "1password": ["awsmfa_otp_source = 1password", `awsmfa_op_item = ${ITEM}`],
  bitwarden: ["awsmfa_otp_source = bitwarden", `awsmfa_bw_item = ${ITEM}`],
  ykman: ["awsmfa_otp_source = ykman", `awsmfa_ykman_account = ${ITEM}`],
  pass: ["awsmfa_otp_source = pass", `awsmfa_pass_entry = ${ITEM}`],
  command: [`awsmfa_otp_command = mycode "${ITEM}"`],
};

function userWith(source: string): OtpUser {
  const u = otpUser(world);
  u.configure(...SETUPS[source]!);
  return u;
}

/** What every failure here has in common. */
function expectCleanFailure(u: OtpUser, r: { code: number; stdout: string; stderr: string }) {
  expect(r.stdout).toBe("false\n");
  expect(r.stderr + r.stdout).not.toContain(MARKER);
  expect(u.sessionCalls()).toHaveLength(0);
}

describe("a code source that cannot answer (no terminal: exit 8 with the fix)", () => {
  test.each([
    ["1password", "locked", "1Password is locked, or op is signed out.", "op signin"],
    ["bitwarden", "locked", "The Bitwarden vault is locked.", 'BW_SESSION="$(bw unlock --raw)"'],
    ["bitwarden", "signedout", "The Bitwarden CLI is not logged in.", "bw login"],
    ["ykman", "locked", "No YubiKey answered.", "Insert your YubiKey"],
    ["pass", "locked", "gpg could not decrypt the pass entry.", "Unlock your GPG key"],
    ["command", "locked", "`mycode` failed (exit status 1) and gave no code.", "yourself"],
  ])("%s, %s", async (source, mode, message, fix) => {
    const u = userWith(source);
    const r = await u.runWith(mode, ["prod"], { env: { BW_SESSION: "x" } });
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(fix);
    expect(r.code).toBe(8);
    expectCleanFailure(u, r);
  });

  test.each(Object.keys(SETUPS).filter((s) => s !== "command"))(
    "%s not installed: says so and how to install it",
    async (source) => {
      const u = userWith(source);
      const empty = mkdtempSync(join(tmpdir(), "awsmfa-empty-path-"));
      const r = await u.runWith("ok", ["prod"], { env: { PATH: empty } });
      expect(r.stderr).toMatch(/is not installed here: `\w+` was not found on PATH/);
      expect(r.stderr).toContain("Install it: https://");
      expect(r.code).toBe(8);
      expectCleanFailure(u, r);
    },
  );

  test.each([
    ["nosuch-code-tool", "is not installed here: `nosuch-code-tool` was not found on PATH."],
    ["/nonexistent/mycode", "cannot be run: `/nonexistent/mycode` is not an executable file."],
    // It exists, relative to the current folder, and is refused all the same.
    [
      "fake-bin/mycode",
      "cannot be run: `fake-bin/mycode` is a relative path, which awsmfa does not run",
    ],
  ])("--otp-command %p: says what is wrong with it", async (program, message) => {
    const u = userWith("command");
    const r = await u.runWith("ok", ["prod", "--otp-command", `${program} "${ITEM}"`], {
      cwd: join(u.tools.bin, ".."),
    });
    expect(r.stderr).toContain(`The command in --otp-command ${message}`);
    expect(r.stderr).toContain("Give a program on PATH, or its full path.");
    expect(r.code).toBe(8);
    expectCleanFailure(u, r);
  });

  test("--otp-command marked executable but no program (no #!): exit 8 and why, not a crash", async () => {
    const u = userWith("command");
    const script = join(u.sandbox.home, "code.sh");
    writeFileSync(script, "echo 123456\n");
    chmodSync(script, 0o755);
    const r = await u.runWith("ok", ["prod", "--otp-command", script]);
    expect(r.stderr).toContain(
      `\`${script}\` cannot be run: it is marked executable but is not a program.`,
    );
    expect(r.stderr).toContain("#!/bin/sh");
    expect(r.code).toBe(8);
    expectCleanFailure(u, r);
  });

  test("a source that hangs is stopped at --otp-timeout (AWSMFA_OTP_TIMEOUT works too)", async () => {
    for (const how of [{ args: ["--otp-timeout", "1s"] }, { env: { AWSMFA_OTP_TIMEOUT: "1" } }]) {
      const u = userWith("1password");
      const r = await u.runWith("slow", ["prod", ...(how.args ?? [])], { env: how.env ?? {} });
      expect(r.stderr).toContain("The 1Password CLI (op) did not answer within 1s.");
      expect(r.stderr).toContain("--otp-timeout");
      expect(r.code).toBe(8);
      expect(r.ms).toBeLessThan(6000);
      expectCleanFailure(u, r);
    }
  });
});

describe("a code source that answers nonsense", () => {
  test("no code in the output: exit 8, output not repeated", async () => {
    const u = userWith("1password");
    const r = await u.runWith("garbage", ["prod"]);
    expect(r.stderr).toContain(
      "`op` printed no 6-digit code; awsmfa did not send anything to AWS.",
    );
    expect(r.code).toBe(8);
    expectCleanFailure(u, r);
  });

  test("two codes: exit 8, neither sent nor shown", async () => {
    const u = userWith("pass");
    const now = u.code();
    const r = await u.runWith("two", ["prod"]);
    expect(r.stderr).toContain("`pass` printed 2 six-digit numbers, not exactly one code");
    expect(r.stderr).not.toContain(now);
    expect(r.code).toBe(8);
    expectCleanFailure(u, r);
  });

  test("an unexplained failure names the command to run, without the output", async () => {
    const u = userWith("1password");
    const r = await u.runWith("fail", ["prod"]);
    expect(r.stderr).toContain("`op` failed (exit status 3) and gave no code.");
    expect(r.stderr).toContain(`Run it yourself to see why: op item get '${ITEM}' --otp`);
    expect(r.code).toBe(8);
    expectCleanFailure(u, r);
  });

  test("the arguments of a code command are never shown (they may hold a seed)", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_command = mycode JBSWY3DPEHPK3PXP");
    const r = await u.runWith("fail", ["prod"]);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain("`mycode` failed");
    expect(r.stderr).not.toContain("JBSWY3DPEHPK3PXP");
    expectCleanFailure(u, r);
  });

  test.each([
    ["1password", "awsmfa_op_item", '1Password found no single item "nope"'],
    ["bitwarden", "awsmfa_bw_item", 'Bitwarden has no single item "nope"'],
    ["ykman", "awsmfa_ykman_account", 'no single OATH account matching "nope"'],
    ["pass", "awsmfa_pass_entry", 'pass has no entry "nope"'],
  ])("%s: an item it does not know is a settings error (exit 3)", async (source, key, message) => {
    const u = otpUser(world);
    u.configure(`awsmfa_otp_source = ${source}`, `${key} = nope`);
    const r = await u.runWith("ok", ["prod"], { env: { BW_SESSION: "x" } });
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(`(${key} of profile prod)`);
    expect(r.code).toBe(3);
    expectCleanFailure(u, r);
  });
});

describe("code-source settings that are wrong, caught before any AWS call", () => {
  test("a profile that names a source but no item: exit 3, names the key and the section", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = 1password");
    const r = await u.runWith("ok", ["prod"]);
    expect(r.stderr).toContain(
      "Profile prod takes its MFA codes from 1password (awsmfa_otp_source of profile prod), but does not name the 1Password item",
    );
    expect(r.stderr).toContain(
      `Set awsmfa_op_item = ... in [profile prod] of ${u.sandbox.configPath}`,
    );
    expect(r.code).toBe(3);
    expectCleanFailure(u, r);
    expect(u.tools.calls()).toHaveLength(0);
  });

  test.each([
    [
      ["--otp-source", "bitwarden"],
      {},
      "--otp-source bitwarden needs the Bitwarden item",
      "--bw-item",
    ],
    [
      [],
      { AWSMFA_OTP_SOURCE: "ykman" },
      "AWSMFA_OTP_SOURCE=ykman needs the OATH account",
      "--ykman-account",
    ],
  ])(
    "named on the command line or in the environment without its item: exit 2",
    async (args, env, message, flag) => {
      const u = otpUser(world);
      const r = await u.runWith("ok", ["prod", ...args], { env });
      expect(r.stderr).toContain(message);
      expect(r.stderr).toContain(flag);
      expect(r.code).toBe(2);
      expectCleanFailure(u, r);
    },
  );

  test("an unknown source: exit 2 on the command line, 3 in the config; the names are listed", async () => {
    const u = otpUser(world);
    const flag = await u.runWith("ok", ["prod", "--otp-source", "lastpass"]);
    expect(flag.stderr).toContain('"lastpass" (--otp-source) is not a code source.');
    expect(flag.stderr).toContain("prompt, dialog, 1password, bitwarden, ykman, pass, command");
    expect(flag.code).toBe(2);
    u.configure("awsmfa_otp_source = lastpass");
    const config = await u.runWith("ok", ["prod"]);
    expect(config.stderr).toContain(
      '"lastpass" (awsmfa_otp_source of profile prod) is not a code source.',
    );
    expect(config.code).toBe(3);
    expectCleanFailure(u, config);
  });

  test("items of two sources and no source named: awsmfa will not guess (exit 3)", async () => {
    const u = otpUser(world);
    u.configure(`awsmfa_op_item = ${ITEM}`, `awsmfa_bw_item = ${ITEM}`);
    const r = await u.runWith("ok", ["prod"]);
    expect(r.stderr).toContain("awsmfa will not guess");
    expect(r.stderr).toContain("awsmfa_otp_source (1password or bitwarden)");
    expect(r.code).toBe(3);
    expectCleanFailure(u, r);
  });

  test("--otp together with a code-source flag, or a bad --otp-timeout: exit 2", async () => {
    const u = otpUser(world);
    const both = await u.runWith("ok", ["prod", "--otp", "123456", "--op-item", ITEM]);
    expect(both.stderr).toContain("--otp gives the code itself; it cannot be used with --op-item.");
    expect(both.code).toBe(2);
    const timeout = await u.runWith("ok", ["prod", "--otp-timeout", "soon"]);
    expect(timeout.stderr).toContain('--otp-timeout "soon" is not a duration.');
    expect(timeout.code).toBe(2);
    expect(u.sessionCalls()).toHaveLength(0);
  });
});
