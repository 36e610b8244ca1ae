/** Login in eval, explicit-format and direct modes, with the compiled binary and the fake AWS. */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { evalInBash, useLoginWorld } from "../support/login-world.ts";
import { runInPty } from "../support/pty.ts";

const world = useLoginWorld();

describe("login in eval mode (stdout captured)", () => {
  test("stdout carries only export lines; evaluated, they are a working session", async () => {
    const { run, code, user, sandbox } = world.user();
    const r = await run(["login", "prod", "--otp", code()]);
    expect(r.stderr).toContain("New session for prod, valid for 12h");
    expect(r.code).toBe(0);
    for (const line of r.stdout.trimEnd().split("\n")) expect(line).toMatch(/^export [A-Z_]+=/);
    const env = await evalInBash(r.stdout, sandbox.env);
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(env.AWS_PROFILE).toBe("prod");
    expect(env.AWS_REGION).toBe("eu-west-1");
    expect(env.AWS_DEFAULT_REGION).toBe("eu-west-1");
    expect(env.AWS_CREDENTIAL_EXPIRATION).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(env.AWSMFA_EXPIRES) * 1000).toBe(Date.parse(env.AWS_CREDENTIAL_EXPIRATION!));
    // The session works: whoami with only these variables is the user behind prod.
    const who = await run(["whoami", "--json"], {
      env: {
        ...sandbox.env,
        ...pick(env, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
      },
    });
    expect(JSON.parse(who.stdout).Arn).toBe(user.arn);
  });

  test("`awsmfa PROFILE` is a shorthand for login", async () => {
    const { run, code } = world.user({ profile: "staging" });
    const r = await run(["staging", "--otp", code()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("export AWS_PROFILE='staging'");
  });

  test("the profile comes from --profile, then AWS_PROFILE, then default", async () => {
    const a = world.user({ profile: "default" });
    const r1 = await a.run(["login", "--otp", a.code()]);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain("export AWS_PROFILE='default'");
    const b = world.user({ profile: "team" });
    const r2 = await b.run(["login", "--otp", b.code()], { env: { AWS_PROFILE: "team" } });
    expect(r2.stdout).toContain("export AWS_PROFILE='team'");
    const c = world.user({ profile: "ops" });
    const r3 = await c.run(["login", "--profile", "ops", "--otp", c.code()], {
      env: { AWS_PROFILE: "team" },
    });
    expect(r3.stdout).toContain("export AWS_PROFILE='ops'");
  });

  test("--otp - reads the code from stdin", async () => {
    const { run, code } = world.user();
    const r = await run(["login", "prod", "--otp", "-"], { stdin: `${code()}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("AWS_SESSION_TOKEN");
  });

  test("--otp - gives up after --otp-timeout when the pipe's writer never writes", async () => {
    const { sandbox } = world.user();
    const before = world.aws.count("GetSessionToken");
    // stdin is a pipe this test holds open and never writes to (`sleep 1000 | awsmfa ...`).
    const child = Bun.spawn(
      [await awsmfaBinary(), "login", "prod", "--otp", "-", "--otp-timeout", "1s"],
      { env: sandbox.env, cwd: sandbox.home, stdin: "pipe", stdout: "pipe", stderr: "pipe" },
    );
    const killer = setTimeout(() => child.kill(), 20_000);
    const [exit, stdout, stderr] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    clearTimeout(killer);
    expect(stderr).toContain("no line arrived within 1s");
    expect(stderr).toContain("--otp-timeout");
    expect(exit).toBe(8);
    expect(stdout).toBe("false\n"); // eval mode: the shell's eval fails too
    expect(world.aws.count("GetSessionToken")).toBe(before);
  });

  test("a code with a space in it is fine (people paste `123 456`)", async () => {
    const { run, code } = world.user();
    const c = code();
    const r = await run(["login", "prod", "--otp", `${c.slice(0, 3)} ${c.slice(3)}`]);
    expect(r.code).toBe(0);
  });

  test("the cache folder is 0700 and its file 0600", async () => {
    const { run, code, sandbox } = world.user();
    expect((await run(["prod", "--otp", code()])).code).toBe(0);
    const dir = join(sandbox.home, ".cache", "awsmfa", "sessions");
    const { statSync } = await import("node:fs");
    expect(statSync(join(sandbox.home, ".cache", "awsmfa")).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
  });
});

describe("explicit --format", () => {
  test("json is the credential_process shape", async () => {
    const { run, code } = world.user();
    const r = await run(["prod", "--otp", code(), "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([
      "Version",
      "AccessKeyId",
      "SecretAccessKey",
      "SessionToken",
      "Expiration",
    ]);
    expect(json.Version).toBe(1);
    expect(json.Expiration).toMatch(/Z$/);
  });

  test.each([
    ["fish", /^set -gx AWS_ACCESS_KEY_ID 'ASIA/m],
    ["powershell", /^\$env:AWS_ACCESS_KEY_ID = 'ASIA/m],
    ["dotenv", /^AWS_ACCESS_KEY_ID=ASIA/m],
    ["sh", /^export AWS_ACCESS_KEY_ID='ASIA/m],
  ])("%s", async (format, pattern) => {
    const { run, code } = world.user();
    const r = await run(["prod", "--otp", code(), "--format", format]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
  });

  test("an unknown format is a usage error before anything else", async () => {
    const { run } = world.user();
    const r = await run(["prod", "--otp", "123456", "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(world.aws.count("GetSessionToken")).toBeGreaterThanOrEqual(0);
  });
});

describe("direct mode (stdout is a terminal)", () => {
  // --no-write: a session written to ~/.aws/credentials is itself the result in direct mode
  // (tests/e2e/profiles-login.test.ts); without it, the lines to copy are.
  test("shows the eval line, the indented exports and how to apply them", async () => {
    const { code, sandbox } = world.user();
    const r = await runInPty(["prod", "--otp", code(), "--no-write"], {
      ...sandbox.env,
      SHELL: "/bin/bash",
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain('eval "$(awsmfa prod)"');
    expect(r.output).toContain('eval "$(awsmfa shell-init bash)"');
    expect(r.output).toMatch(/^ {2}export AWS_ACCESS_KEY_ID='ASIA/m);
    expect(r.output).toContain("Copy and paste the lines above");
    expect(r.output).toContain("New session for prod");
  });

  test("a fish user is shown fish syntax", async () => {
    const { code, sandbox } = world.user();
    const r = await runInPty(["prod", "--otp", code(), "--no-write"], {
      ...sandbox.env,
      SHELL: "/usr/bin/fish",
    });
    expect(r.output).toContain("awsmfa prod --format fish | source");
    expect(r.output).toMatch(/^ {2}set -gx AWS_ACCESS_KEY_ID 'ASIA/m);
  });
});

describe("unset", () => {
  test("emits unset lines for every variable login sets", async () => {
    const { run } = world.user();
    const r = await run(["unset"]);
    expect(r.code).toBe(0);
    for (const name of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_PROFILE",
      "AWSMFA_EXPIRES",
    ]) {
      expect(r.stdout).toContain(name);
    }
    const env = await evalInBash(r.stdout, {
      PATH: process.env.PATH!,
      AWS_ACCESS_KEY_ID: "x",
      AWS_PROFILE: "p",
    });
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(env.AWS_PROFILE).toBeUndefined();
  });
});

describe("hostile profile names", () => {
  test("a profile named `x'; touch PWNED; '` round-trips exactly through eval", async () => {
    const profile = "x'; touch PWNED; '";
    const { run, code, sandbox } = world.user({ profile });
    const r = await run(["login", profile, "--otp", code()], { cwd: sandbox.home });
    expect(r.code).toBe(0);
    const env = await evalInBash(r.stdout, { ...sandbox.env });
    expect(env.AWS_PROFILE).toBe(profile);
    expect(existsSync(join(sandbox.home, "PWNED"))).toBe(false);
  });
});

function pick(env: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, env[n] ?? ""]));
}

describe("AWS keys already in the shell", () => {
  const foreign = { AWS_ACCESS_KEY_ID: "AKIAEXISTINGKEY12345", AWS_SECRET_ACCESS_KEY: "s" };

  test("without a terminal they are replaced, and it says so (masked)", async () => {
    const { run, code } = world.user();
    const r = await run(["prod", "--otp", code()], { env: foreign });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "already has AWS keys (AKIA****2345) that awsmfa did not set. Replacing them.",
    );
    expect(r.stderr).not.toContain("AKIAEXISTINGKEY12345");
  });

  test("keys awsmfa set itself (AWSMFA_EXPIRES) are replaced without a word", async () => {
    const { run, code } = world.user();
    const r = await run(["prod", "--otp", code()], { env: { ...foreign, AWSMFA_EXPIRES: "1" } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("already has AWS keys");
  });

  test("--yes replaces them without asking", async () => {
    const { run, code } = world.user();
    const r = await run(["prod", "--otp", code(), "--yes"], { env: foreign });
    expect(r.code).toBe(0);
  });
});
