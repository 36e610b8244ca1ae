/**
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE with variables in them, as botocore expands
 * them (config/paths.ts): `$HOME/...` and `${HOME}/...` name the files the AWS CLI reads, and a
 * login writes its session where the CLI then finds it. The cached login (the fast path falls
 * through on a `$`) finds it too.
 */
import { expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
const AWS_CLI = "/usr/bin/aws";

test("$HOME and braced $HOME in the AWS files' variables: awsmfa and the AWS CLI use the same files", async () => {
  const u = world.user();
  const env = {
    AWS_SHARED_CREDENTIALS_FILE: "$HOME/.aws/credentials",
    AWS_CONFIG_FILE: `${"$"}{HOME}/.aws/config`,
  };
  const fresh = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], { env });
  expect(fresh.stderr).toContain(
    `Saved the session in [${u.profile}] of ${u.sandbox.home}/.aws/credentials`,
  );
  expect(fresh.code).toBe(0);
  const cached = await u.run(["login", u.profile, "--format", "sh"], { env });
  expect(cached.stderr).toContain(`Reusing session for ${u.profile}`);
  expect(cached.code).toBe(0);
  const session = /AWS_ACCESS_KEY_ID='?(ASIA\w+)/.exec(cached.stdout)?.[1];
  expect(session).toBeDefined();
  // Debian's awscli (tests need it: .ci/apt/base.txt) reads the files only: no request.
  expect(existsSync(AWS_CLI)).toBe(true);
  const cli = Bun.spawnSync(
    [AWS_CLI, "configure", "get", "aws_access_key_id", "--profile", u.profile],
    {
      env: { PATH: "/usr/bin:/bin", HOME: u.sandbox.home, ...env },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  expect(cli.stdout.toString().trim()).toBe(session!);
});

test("another user's ~NAME in AWS_SHARED_CREDENTIALS_FILE: exit 3 naming it, fresh or cached, and nothing made in the working folder", async () => {
  const u = world.user();
  const fresh = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"]);
  expect(fresh.code).toBe(0);
  const cwd = mkdtempSync(join(tmpdir(), "awsmfa-cwd-"));
  try {
    // The AWS CLI reads root's home there; awsmfa read and wrote ./~root/... instead.
    const env = { AWS_SHARED_CREDENTIALS_FILE: "~root/.aws/credentials" };
    for (const args of [
      ["login", u.profile, "--format", "sh"],
      ["configure", u.profile, "--serial", "arn:aws:iam::123456789012:mfa/x"],
    ]) {
      const r = await u.run(args, { env, cwd });
      expect(r.stderr).toContain(
        'AWS_SHARED_CREDENTIALS_FILE "~root/.aws/credentials" starts with ~root, the home folder of user root to the AWS CLI, which awsmfa does not look up.',
      );
      expect(r.code).toBe(3);
    }
    expect(readdirSync(cwd)).toEqual([]);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
