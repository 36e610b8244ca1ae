/**
 * Role profiles in every mode a session reaches people: the shell function's output (wrapped),
 * eval, direct (a terminal), --format json, exec and credential-process; the cached role login
 * never loads the SDK; the credentials file never receives the role session.
 */
import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { evalInBash, useLoginWorld } from "../support/login-world.ts";
import { runInPty, scriptAvailable } from "../support/pty.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();
const root = resolve(import.meta.dir, "..", "..");
if (!scriptAvailable())
  console.log("skipped: util-linux `script` is missing, so no direct-mode test");

function roleLogin() {
  const login = world.user();
  const [role] = addRoleProfiles(world.aws, login, [
    { profile: "prod-admin", keys: { region: "eu-north-1" } },
  ]);
  return { login, role: role! };
}

describe("roles in every mode", () => {
  test("wrapped (the shell function, fish): fish code for the role's session", async () => {
    const { login } = roleLogin();
    const r = await login.run(["prod-admin", "--otp", login.code()], {
      env: { ...login.sandbox.env, AWSMFA_SHELL: "fish" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("set -gx AWS_PROFILE 'prod-admin'");
    expect(r.stdout).toContain("set -gx AWS_REGION 'eu-north-1'");
  });

  test("eval: POSIX code whose keys are the role's", async () => {
    const { login, role } = roleLogin();
    const r = await login.run(["prod-admin", "--otp", login.code()]);
    const env = await evalInBash(r.stdout, login.sandbox.env);
    const who = await login.run(["whoami", "--json"], {
      env: {
        ...login.sandbox.env,
        AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID!,
        AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY!,
        AWS_SESSION_TOKEN: env.AWS_SESSION_TOKEN!,
      },
    });
    expect(JSON.parse(who.stdout).Arn).toContain(`:assumed-role/${role.name}/`);
  });

  test("--format json: the credential_process JSON of the role session", async () => {
    const { login } = roleLogin();
    const r = await login.run(["prod-admin", "--otp", login.code(), "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.Version).toBe(1);
    expect(Date.parse(json.Expiration) - world.aws.now()).toBeWithin(3590_000, 3601_000);
  });

  test.skipIf(!scriptAvailable())(
    "direct (a terminal): the lines to copy, for the role",
    async () => {
      const { login } = roleLogin();
      await login.run(["prod", "--otp", login.code()]);
      const r = await runInPty(["prod-admin"], { ...login.sandbox.env, SHELL: "/bin/bash" });
      expect(r.code).toBe(0);
      expect(r.output).toContain('eval "$(awsmfa prod-admin)"');
      expect(r.output).toContain("export AWS_PROFILE='prod-admin'");
      expect(r.output).toContain("New session for prod-admin");
    },
  );

  test("exec and credential-process hand out the same cached role session", async () => {
    const { login } = roleLogin();
    const cp = await login.run(["credential-process", "prod-admin", "--otp", login.code()]);
    const fromExec = await login.run(["exec", "prod-admin", "--", "printenv", "AWS_ACCESS_KEY_ID"]);
    expect(fromExec.code).toBe(0);
    expect(fromExec.stdout.trim()).toBe(JSON.parse(cp.stdout).AccessKeyId);
  });

  test("the credentials file never receives the role session", async () => {
    const { login } = roleLogin();
    const before = login.sandbox.readCredentials();
    const r = await login.run(["prod-admin", "--otp", login.code()]);
    const env = await evalInBash(r.stdout, login.sandbox.env);
    const after = login.sandbox.readCredentials();
    expect(after).not.toContain(env.AWS_ACCESS_KEY_ID!);
    expect(after).not.toContain("[prod-admin]");
    expect(after.startsWith(before.trimEnd())).toBe(true);
  });

  test("a cached role login never loads the AWS SDK", async () => {
    const { login } = roleLogin();
    expect((await login.run(["prod-admin", "--otp", login.code()])).code).toBe(0);
    const child = Bun.spawn(
      [
        process.execPath,
        "--preload",
        join(root, "tests/support/forbid-aws-sdk.ts"),
        join(root, "src/main.ts"),
        "prod-admin",
      ],
      { env: login.sandbox.env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
    );
    const [status, out, err] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    expect(err).toContain("Reusing session for prod-admin");
    expect(status).toBe(0);
    expect(out).toContain("export AWS_PROFILE='prod-admin'");
  });
});
