/**
 * An independent signer: the real AWS CLI v2 (botocore) against the fake. If the fake only
 * agreed with the JS SDK, a shared misreading of SigV4 could hide; botocore is a second,
 * separately written implementation. Credentials go in through the environment, never argv.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { centreInStep } from "./sdk.ts";

// The Debian package's v2; the `aws` on PATH may be a pyenv v1.
const AWS_CLI = "/usr/bin/aws";
const hasCli = existsSync(AWS_CLI);
if (!hasCli) console.log(`skipping AWS CLI tests: ${AWS_CLI} is not installed`);

let aws: FakeAws;
let alice: FakeUser;
let home: string;

beforeAll(async () => {
  aws = await startFakeAws();
  alice = aws.addUser({ name: "alice" });
  home = mkdtempSync(join(tmpdir(), "fake-aws-cli-"));
});
afterAll(async () => {
  await aws.stop();
  rmSync(home, { recursive: true, force: true });
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], keys: Record<string, string>): Promise<CliResult> {
  const child = Bun.spawn([AWS_CLI, ...args, "--endpoint-url", aws.url, "--output", "json"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      AWS_CONFIG_FILE: join(home, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
      AWS_DEFAULT_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
      ...keys,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { code, stdout, stderr };
}

const aliceEnv = () => ({
  AWS_ACCESS_KEY_ID: alice.accessKeyId,
  AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
});

describe.skipIf(!hasCli)("AWS CLI v2 (botocore's signer)", () => {
  test("get-caller-identity with good keys", async () => {
    const result = await cli(["sts", "get-caller-identity"], aliceEnv());
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      UserId: alice.userId,
      Account: alice.account,
      Arn: alice.arn,
    });
  });

  test("a wrong secret is SignatureDoesNotMatch", async () => {
    const result = await cli(["sts", "get-caller-identity"], {
      ...aliceEnv(),
      // Change the first character to something it is not, so the secret always differs.
      AWS_SECRET_ACCESS_KEY: `${alice.secretAccessKey.startsWith("x") ? "y" : "x"}${alice.secretAccessKey.slice(1)}`,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("An error occurred (SignatureDoesNotMatch)");
  });

  test("get-session-token with an MFA code, then the session signs a call", async () => {
    centreInStep(aws);
    const serial = alice.devices[0]!.serial;
    const result = await cli(
      ["sts", "get-session-token", "--serial-number", serial, "--token-code", aws.code(serial)],
      aliceEnv(),
    );
    expect(result.stderr).toBe("");
    const { Credentials } = JSON.parse(result.stdout);
    expect(Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const who = await cli(["sts", "get-caller-identity"], {
      AWS_ACCESS_KEY_ID: Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: Credentials.SessionToken,
    });
    expect(JSON.parse(who.stdout).Arn).toBe(alice.arn);
  });

  test("iam list-mfa-devices", async () => {
    const result = await cli(["iam", "list-mfa-devices"], aliceEnv());
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout).MFADevices[0].SerialNumber).toBe(alice.devices[0]!.serial);
  });
});
