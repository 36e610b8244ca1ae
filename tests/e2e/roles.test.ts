/**
 * Role profiles end to end: the source's MFA session (one code for every role on it), then
 * AssumeRole; the keys role_arn, source_profile, mfa_serial, external_id, role_session_name,
 * duration_seconds and region (chaining and partitions: roles-chaining.test.ts).
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { evalInBash, useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles, callsOf } from "../support/role-world.ts";

const world = useLoginWorld();

function pick(env: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, env[n] ?? ""]));
}

describe("a role profile", () => {
  test("MFA session of the source, then AssumeRole with it; the shell gets the role", async () => {
    const login = world.user();
    const [role] = addRoleProfiles(world.aws, login, [
      { profile: "prod-admin", keys: { region: "eu-central-1" } },
    ]);
    const r = await login.run(["prod-admin", "--otp", login.code()]);
    expect(r.stderr).toContain("New session for prod-admin, valid for 1h00m");
    expect(r.code).toBe(0);
    const env = await evalInBash(r.stdout, login.sandbox.env);
    expect(env.AWS_PROFILE).toBe("prod-admin");
    expect(env.AWS_REGION).toBe("eu-central-1");
    const who = await login.run(["whoami", "--json"], {
      env: {
        ...login.sandbox.env,
        ...pick(env, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
      },
    });
    const sessionName = `awsmfa-${login.user.name}`;
    expect(JSON.parse(who.stdout).Arn).toBe(
      `arn:aws:sts::${login.user.account}:assumed-role/${role!.name}/${sessionName}`,
    );
    const [gst] = callsOf(world.aws, login, "GetSessionToken");
    expect(gst?.params.SerialNumber).toBe(login.serial);
    const [assume] = callsOf(world.aws, login, "AssumeRole");
    // Signed with the MFA session, not the long-term key; no second code.
    expect(assume?.accessKeyId).toMatch(/^ASIA/);
    expect(assume?.params).toMatchObject({ RoleSessionName: sessionName, DurationSeconds: "3600" });
    expect(assume?.params.TokenCode).toBeUndefined();
    expect(assume?.status).toBe(200);
  });

  test("three roles on one source cost one code; the source session is reused", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [
      { profile: "admin" },
      { profile: "readonly", requireMfa: false },
      { profile: "deploy" },
    ]);
    expect((await login.run(["admin", "--otp", login.code()])).code).toBe(0);
    // No code and no terminal from here on: only the cached MFA session can make these work.
    for (const profile of ["readonly", "deploy"]) {
      const r = await login.run([profile]);
      expect(r.stderr).toContain(`New session for ${profile}`);
      expect(r.code).toBe(0);
    }
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
    expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(3);
    // And the source itself is a cached login too.
    expect((await login.run(["prod"])).stderr).toContain("Reusing session for prod");
  });

  test("a second login of the role is answered from the cache, with no call", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const first = await login.run(["prod-admin", "--otp", login.code()]);
    const second = await login.run(["prod-admin"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^Reusing session for prod-admin, valid for (59m|1h00m)/);
    expect(second.stdout).toBe(first.stdout);
    expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(1);
  });

  test("the role's cache entry does not depend on the MFA session's", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    expect((await login.run(["prod-admin", "--otp", login.code()])).code).toBe(0);
    // The MFA session gone (expired, or logged out): the role session is still good.
    const dir = join(login.sandbox.home, ".cache", "awsmfa", "sessions");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.filter((f) => f.startsWith("role-"))).toHaveLength(1);
    for (const f of files.filter((f) => !f.startsWith("role-"))) rmSync(join(dir, f));
    const later = await login.run(["prod-admin"]);
    expect(later.stderr).toContain("Reusing session for prod-admin");
    expect(later.code).toBe(0);
    expect(statSync(join(dir, files.find((f) => f.startsWith("role-"))!)).mode & 0o777).toBe(0o600);
  });

  test("--force assumes the role again with the same MFA session", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const first = await login.run(["prod-admin", "--otp", login.code()]);
    const again = await login.run(["prod-admin", "--force"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("New session for prod-admin");
    expect(again.stdout).not.toBe(first.stdout);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
    expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(2);
  });
});

describe("role profile keys", () => {
  test("mfa_serial on the role profile (AWS CLI style) names the device of the source", async () => {
    const login = world.user({ serial: false });
    addRoleProfiles(world.aws, login, [
      { profile: "prod-admin", keys: { mfa_serial: login.serial } },
    ]);
    world.aws.clearCalls();
    const r = await login.run(["prod-admin", "--otp", login.code()]);
    expect(r.code).toBe(0);
    expect(world.aws.count("ListMFADevices")).toBe(0);
    expect(callsOf(world.aws, login, "GetSessionToken")[0]?.params.SerialNumber).toBe(login.serial);
  });

  test("external_id, role_session_name and duration_seconds reach AssumeRole", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [
      {
        profile: "partner",
        externalId: "ext-42",
        maxSessionDuration: 43200,
        keys: {
          external_id: "ext-42",
          role_session_name: "alice@laptop",
          duration_seconds: "7200",
        },
      },
    ]);
    const r = await login.run(["partner", "--otp", login.code()]);
    expect(r.stderr).toContain("valid for 2h00m");
    expect(r.code).toBe(0);
    expect(callsOf(world.aws, login, "AssumeRole")[0]?.params).toMatchObject({
      ExternalId: "ext-42",
      RoleSessionName: "alice@laptop",
      DurationSeconds: "7200",
    });
  });

  test("--role-duration beats duration_seconds", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [
      { profile: "long", maxSessionDuration: 43200, keys: { duration_seconds: "7200" } },
    ]);
    const r = await login.run(["long", "--otp", login.code(), "--role-duration", "3h"]);
    expect(r.stderr).toContain("valid for 3h00m");
    expect(callsOf(world.aws, login, "AssumeRole")[0]?.params.DurationSeconds).toBe("10800");
  });

  test("a wrong external_id: AWS's refusal explained in terms of the profile (exit 4)", async () => {
    const login = world.user();
    const [role] = addRoleProfiles(world.aws, login, [
      { profile: "partner", externalId: "right", keys: { external_id: "wrong" } },
    ]);
    const r = await login.run(["partner", "--otp", login.code()]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`did not let the session of "prod" assume ${role!.arn}`);
    expect(r.stderr).toContain("external_id");
    expect(r.stdout).toBe("false\n");
  });

  test("more than the role's maximum session duration: exit 3, says what to lower", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "short", keys: { duration_seconds: "7200" } }]);
    const r = await login.run(["short", "--otp", login.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("allows shorter sessions than the 2h00m asked for");
    expect(r.stderr).toContain("duration_seconds");
  });

  test.each([
    ["role_arn = arn:aws:iam::12:role/x\nsource_profile = prod", "is not an IAM role ARN"],
    ["role_arn = arn:aws:iam::123456789012:role/x", "has a role_arn but no source_profile"],
    [
      "role_arn = arn:aws:iam::123456789012:role/x\ncredential_source = Ec2InstanceMetadata",
      "credential_source = Ec2InstanceMetadata, which awsmfa does not use",
    ],
    ["role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = nope", "names no profile"],
    [
      "role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = prod\nduration_seconds = 12h",
      'duration_seconds in profile "bad" is "12h"',
    ],
    [
      "role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = prod\nrole_session_name = has space",
      'role_session_name in profile "bad" is not valid',
    ],
    [
      "role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = bad",
      'No long-term access keys found for profile "bad"',
    ],
  ])("a broken role profile stops before any code is used: %s", async (keys, message) => {
    const login = world.user();
    login.sandbox.writeConfig(`${login.sandbox.readConfig()}\n[profile bad]\n${keys}\n`);
    const r = await login.run(["bad", "--otp", login.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(message);
    expect(world.aws.calls.filter((c) => c.accessKeyId === login.user.accessKeyId)).toHaveLength(0);
  });

  test("source_profile settings that go round in a circle are named", async () => {
    const login = world.user();
    login.sandbox.writeConfig(
      `${login.sandbox.readConfig()}\n[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n`,
    );
    const r = await login.run(["a", "--otp", login.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("go round in a circle: a -> b -> a");
  });
});
