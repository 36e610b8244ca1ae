/**
 * awsmfa exec --server: the child gets a credential endpoint (container credentials protocol)
 * instead of static keys; botocore and the JS SDK read the session from it; a request without
 * the token is refused; nothing listens after the child exits.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles, callsOf } from "../support/role-world.ts";

const world = useLoginWorld();
const here = join(import.meta.dir, "support-exec-server");
const python = Bun.which("python3");
const hasBotocore =
  python !== null && Bun.spawnSync([python, "-c", "import botocore"]).exitCode === 0;
if (!hasBotocore) console.log("SKIPPED: exec --server with botocore needs python3-botocore");

describe("awsmfa exec --server", () => {
  test.skipIf(!hasBotocore)(
    "botocore gets the role session from the endpoint; no token: 403; no listener after",
    async () => {
      const login = world.user();
      addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
      const r = await login.run([
        "exec",
        "--server",
        "prod-admin",
        "--otp",
        login.code(),
        "--",
        python!,
        join(here, "child.py"),
      ]);
      expect(r.code).toBe(0);
      const seen = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
      expect(seen.method).toBe("container-role");
      expect(seen.key).toMatch(/^ASIA/);
      expect(seen.arn).toContain(":assumed-role/prod-admin-");
      expect(seen.refused).toBe(403);
      expect(seen.static).toBe(false);
      expect(seen.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(1);
      const after = await fetch(seen.url).then(
        () => "listening",
        () => "closed",
      );
      expect(after).toBe("closed");
    },
  );

  test("the JS SDK's container provider; awsmfa_exec_server = true in the profile", async () => {
    const login = world.user();
    login.sandbox.writeConfig(`${login.sandbox.readConfig()}awsmfa_exec_server = true\n`);
    const r = await login.run(
      ["exec", "prod", "--otp", login.code(), "--", process.execPath, join(here, "child-js.ts")],
      { cwd: join(import.meta.dir, "..", "..") },
    );
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(seen.key).toMatch(/^ASIA/);
    expect(seen.again).toBe(seen.key);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
  });
});
