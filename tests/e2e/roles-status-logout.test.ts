/**
 * Role sessions seen by status and list, and forgotten by logout: `awsmfa ROLE` reuses its
 * cached role session without a code, so status must report it, list must show it, and
 * logout must delete it (found in the profiles/commands audit: they only knew MFA sessions).
 */
import { describe, expect, test } from "bun:test";
import { evalInBash, useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles, callsOf } from "../support/role-world.ts";

const world = useLoginWorld();

describe("a role profile's cached session", () => {
  test("status reports it (exit 0, who it is); status --json says it is cached", async () => {
    const login = world.user();
    const [role] = addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    expect((await login.run(["prod-admin", "--otp", login.code()])).code).toBe(0);
    const r = await login.run(["status", "prod-admin"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Using {4}profile prod-admin\n/);
    expect(r.stdout).toContain("Session  awsmfa's cache");
    expect(r.stdout).toMatch(/Expires .*\((59m|1h00m) left\)/);
    expect(r.stdout).toContain(`assumed-role/${role!.name}/`);
    expect(r.stdout).toMatch(/Status {3}valid\n$/);
    const json = JSON.parse(
      (await login.run(["status", "prod-admin", "--offline", "--json"])).stdout,
    );
    expect(json).toMatchObject({ valid: true, using: "profile", source: "cache" });
    expect(json.accessKeyId).toMatch(/^ASIA\*{4}/);
  });

  test("list shows it next to roles that have none", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "admin" }, { profile: "readonly" }]);
    expect((await login.run(["admin", "--otp", login.code()])).code).toBe(0);
    const rows = JSON.parse((await login.run(["list", "--json"])).stdout) as Array<{
      name: string;
      kind: string;
      session: { state: string; source?: string } | null;
    }>;
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(byName.get("admin")).toMatchObject({
      kind: "role",
      session: { state: "valid", source: "cache" },
    });
    expect(byName.get("readonly")).toMatchObject({ kind: "role", session: { state: "none" } });
    const table = (await login.run(["list"])).stdout;
    expect(table).toMatch(/\nadmin +role .* (59m|1h00m) left \(cached\)\n/);
    expect(table).toMatch(/\nreadonly +role .* none\n/);
  });

  test("logout ROLE deletes it, unsets the shell, and leaves the source's session", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const first = await login.run(["prod-admin", "--otp", login.code()]);
    expect(first.code).toBe(0);
    const shell = await evalInBash(first.stdout, login.sandbox.env);
    const r = await login.run(["logout", "prod-admin"], { env: shell });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Deleted the cached session of prod-admin");
    expect(r.stderr).not.toContain("had no session");
    const after = await evalInBash(r.stdout, shell);
    expect(after.AWS_SESSION_TOKEN).toBeUndefined();
    expect(after.AWS_ACCESS_KEY_ID).toBeUndefined();
    // Gone for status; the next login assumes the role again, with the source's MFA session.
    expect((await login.run(["status", "prod-admin", "--offline"])).code).toBe(6);
    const again = await login.run(["prod-admin"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("New session for prod-admin");
    expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(2);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
  });
});
