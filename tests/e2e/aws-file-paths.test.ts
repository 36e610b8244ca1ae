/**
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE with variables in them, as botocore expands
 * them (config/paths.ts): `$HOME/...` and `${HOME}/...` name the files the AWS CLI reads, and a
 * login writes its session where the CLI then finds it. The cached login (the fast path falls
 * through on a `$`) finds it too.
 */
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
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
