/**
 * awsmfa exec --server: the child gets a credential endpoint (container credentials protocol)
 * instead of static keys; botocore and the JS SDK read the session from it; a request without
 * the token is refused; nothing listens after the child exits; another local user's program
 * is refused even with the token (Linux).
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";
import { asNobody, canDropPrivileges, isRoot } from "../support/other-user.ts";
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

  test.skipIf(!hasBotocore)(
    "role sessions of 900 s near their end are renewed; no call fails",
    async () => {
      const login = world.user();
      addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
      login.sandbox.writeConfig(
        login.sandbox
          .readConfig()
          .replace(/(\[profile prod-admin\]\n)/, "$1duration_seconds = 900\n"),
      );
      // The MFA session first (a normal one); then the fake AWS grants role sessions of 200 s
      // only: under the 5 minutes at which the server renews and botocore's 15, so every
      // credential refresh of the child makes the server renew the role session, from the
      // cached MFA session, with no code.
      const first = await login.run(["login", "prod", "--otp", world.aws.code(login.serial)]);
      expect(first.code).toBe(0);
      world.aws.sessionLifetimeOverrideSeconds = 200;
      try {
        const r = await login.run([
          "exec",
          "--server",
          "prod-admin",
          "--",
          python!,
          join(here, "child-loop.py"),
        ]);
        expect(r.stderr).not.toContain("awsmfa:");
        expect(r.code).toBe(0);
        const seen = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
        expect(seen.keys).toHaveLength(3);
        for (const key of seen.keys) expect(key).toMatch(/^ASIA/);
        // One MFA session, and role sessions renewed from it with no new code.
        expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
        expect(callsOf(world.aws, login, "AssumeRole").length).toBeGreaterThanOrEqual(3);
        expect(new Set(seen.keys).size).toBeGreaterThanOrEqual(2);
      } finally {
        world.aws.sessionLifetimeOverrideSeconds = undefined;
      }
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

describe("awsmfa exec --server: a renewal that needs a new code", () => {
  test("never sends the used --otp code again; says a code is needed", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    // The program ends the cached sessions (as 12 hours would) and asks the endpoint.
    const child = login.sandbox.file(
      "ask-after-expiry.ts",
      [
        'import { readdirSync, rmSync } from "node:fs";',
        'import { join } from "node:path";',
        'const dir = join(process.env.XDG_CACHE_HOME!, "awsmfa", "sessions");',
        "for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });",
        "const r = await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI!, {",
        "  headers: { authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN! },",
        "});",
        "console.log(JSON.stringify({ status: r.status, ...(await r.json()) }));",
        "",
      ].join("\n"),
    );
    const r = await login.run(
      ["exec", "--server", "prod-admin", "--otp", login.code(), "--", process.execPath, child],
      { env: { ...login.sandbox.env, AWSMFA_DIALOG: "0" } },
    );
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
    expect(seen.status).toBe(500);
    expect(seen.message).not.toContain("AWS rejected the MFA code");
    expect(seen.message).toContain("no terminal");
    // The first session only: the used code was not sent to AWS again.
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
  });
});

const canPlayThief =
  process.platform === "linux" && isRoot && canDropPrivileges && !!Bun.which("curl");
if (!canPlayThief)
  console.log("SKIPPED: exec --server against another user needs Linux, root, setpriv, curl");

test.skipIf(!canPlayThief)(
  "exec --server: another user's program with the leaked token gets 403 and no keys; the child gets its keys",
  async () => {
    const login = world.user();
    const ask =
      'curl -s -w "\\n%{http_code}\\n" -H "Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN" "$AWS_CONTAINER_CREDENTIALS_FULL_URI"';
    const script = [
      "cd /",
      `echo thief; ${asNobody().join(" ")} ${ask}`, // after `cd /`: see support/other-user.ts
      `echo child; ${ask}`,
    ].join("\n");
    const r = await login.run([
      "exec",
      "--server",
      "prod",
      "--otp",
      login.code(),
      "--",
      "sh",
      "-c",
      script,
    ]);
    expect(r.code).toBe(0);
    const [, thief, child] = r.stdout.split(/^(?:thief|child)$/m);
    expect(thief).toContain("serves only the user who started awsmfa exec");
    expect(thief!.trim().endsWith("403")).toBe(true);
    expect(thief).not.toContain("SecretAccessKey");
    expect(child).toContain('"AccessKeyId":"ASIA');
    expect(child!.trim().endsWith("200")).toBe(true);
    expect(r.stderr).toContain(
      "awsmfa: refused the credential endpoint to a program of another user (uid 65534)",
    );
  },
);
