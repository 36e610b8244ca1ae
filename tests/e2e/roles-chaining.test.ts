/**
 * Role chaining (a role profile whose source is another role profile) and partitions, end to
 * end: the one-hour cap explained before the call; roles assumed in their own partition.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles, callsOf } from "../support/role-world.ts";

const world = useLoginWorld();

describe("role chaining", () => {
  test("the 1 hour cap is explained before the call, and the call stays within it", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [
      { profile: "ops", maxSessionDuration: 43200 },
      {
        profile: "audit",
        source: "ops",
        maxSessionDuration: 43200,
        keys: { duration_seconds: "7200" },
      },
    ]);
    const r = await login.run(["audit", "--otp", login.code()]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    const note = r.stderr.indexOf(
      'Note: "audit" is assumed with the role session of "ops" (role chaining), which AWS limits to 1 hour; asking for 1h instead of 2h00m.',
    );
    expect(note).toBeGreaterThanOrEqual(0);
    expect(r.stderr.indexOf("New session for audit, valid for 1h00m")).toBeGreaterThan(note);
    const calls = callsOf(world.aws, login, "AssumeRole");
    expect(calls.map((c) => [c.params.DurationSeconds, c.status])).toEqual([
      ["3600", 200],
      ["3600", 200],
    ]);
    // The second AssumeRole was signed by the first role's session.
    expect(calls[1]?.accessKeyId).not.toBe(calls[0]?.accessKeyId);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
  });

  test("a chained role with no duration asked for needs no note", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "ops" }, { profile: "audit", source: "ops" }]);
    const r = await login.run(["audit", "--otp", login.code()]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("role chaining");
  });
});

describe("roles and partitions", () => {
  test.each(["aws-cn", "aws-us-gov"] as const)(
    "%s: a role of the same partition, with no region set anywhere",
    async (partition) => {
      const login = world.user({ partition, region: null });
      const [role] = addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
      expect(role!.arn.startsWith(`arn:${partition}:`)).toBe(true);
      const r = await login.run(["prod-admin", "--otp", login.code()]);
      expect(r.stderr).not.toContain("awsmfa:");
      expect(r.code).toBe(0);
      expect(callsOf(world.aws, login, "AssumeRole")[0]?.status).toBe(200);
    },
  );

  test("a role in another partition than the source is refused before a code is used", async () => {
    const login = world.user();
    login.sandbox.writeConfig(
      `${login.sandbox.readConfig()}\n[profile cn]\nrole_arn = arn:aws-cn:iam::123456789012:role/x\nsource_profile = prod\n`,
    );
    const r = await login.run(["cn", "--otp", login.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'is in AWS China (aws-cn), but the MFA session of "prod" is in AWS (aws)',
    );
    expect(world.aws.calls.filter((c) => c.accessKeyId === login.user.accessKeyId)).toHaveLength(0);
  });
});
