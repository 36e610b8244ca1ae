/**
 * Where the features meet: code sources in every command that gets a session, and role logins
 * with session profiles in the credentials file.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { ITEM, otpUser } from "../support/otp-user.ts";
import { addRoleProfiles, callsOf } from "../support/role-world.ts";

const world = useLoginWorld();

describe("a profile's code source serves every command", () => {
  test("credential-process takes the code from the profile's password manager", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = 1password", `awsmfa_op_item = ${ITEM}`);
    const r = await u.runWith("ok", ["credential-process", "prod"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Version).toBe(1);
    expect(u.tools.calls().map((c) => c.tool)).toEqual(["op"]);
  });

  test("exec takes the code from the profile's password manager", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = pass", "awsmfa_pass_entry = aws/prod");
    u.tools.item("aws/prod", u.serial);
    const r = await u.runWith("ok", ["exec", "prod", "--", "sh", "-c", 'printf %s "$AWS_PROFILE"']);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("prod");
    expect(u.tools.calls().map((c) => c.tool)).toEqual(["pass"]);
  });

  test("code-source flags work on credential-process too, and clash with --otp", async () => {
    const u = otpUser(world);
    const r = await u.runWith(
      "ok",
      ["credential-process", "prod", "--otp-source", "bw", "--bw-item", ITEM],
      { env: { BW_SESSION: "unlocked" } },
    );
    expect(r.code).toBe(0);
    const clash = await u.runWith("ok", [
      "credential-process",
      "prod",
      "--otp",
      "123456",
      "--bw-item",
      ITEM,
    ]);
    expect(clash.code).toBe(2);
  });
});

describe("role logins and the credentials file", () => {
  test("the role session stays out of the file; the MFA session goes into the source's section", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const r = await login.run(["prod-admin", "--otp", login.code()]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(1);
    const credentials = login.sandbox.readCredentials();
    expect(credentials).not.toContain("[prod-admin]");
    expect(credentials).toMatch(/\[prod\]\naws_access_key_id = ASIA/);
    expect(r.stderr).toContain("Saved the MFA session of prod");
    // Then `awsmfa prod` reuses it from the cache or the file: no code, no call.
    const before = callsOf(world.aws, login, "GetSessionToken").length;
    const again = await login.run(["prod"]);
    expect(again.code).toBe(0);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(before);
  });

  test("--no-write keeps the file untouched for a role login too", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-ro" }]);
    const before = login.sandbox.readCredentials();
    const r = await login.run(["prod-ro", "--otp", login.code(), "--no-write"]);
    expect(r.code).toBe(0);
    expect(login.sandbox.readCredentials()).toBe(before);
  });
});
