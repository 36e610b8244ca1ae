/**
 * After a login writes [prod], the readers every other tool uses read exactly that session:
 * the AWS SDK for JavaScript's (@smithy/shared-ini-file-loader), botocore's credential chain
 * (python3), and the real AWS CLI, which also signs a call with it.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { sessionFromStdout, type WrittenSession } from "../support/profile-files.ts";

const world = useLoginWorld();
const AWS_CLI = "/usr/bin/aws";
const hasAwsCli = existsSync(AWS_CLI);
const hasBotocore = Bun.spawnSync(["python3", "-c", "import botocore.session"], {
  stderr: "pipe",
}).success;
if (!hasAwsCli) console.log(`skipped the AWS CLI checks: ${AWS_CLI} is not installed`);
if (!hasBotocore) console.log("skipped the botocore checks: python3 cannot import botocore");

let user: LoginUser;
let session: WrittenSession;

beforeAll(async () => {
  user = world.user();
  // Comments, CRLF and a neighbour, so the readers meet a real-looking file.
  user.sandbox.writeCredentials(
    `# mine\r\n${user.sandbox.readCredentials().replaceAll("\n", "\r\n")}\r\n[other]\r\naws_access_key_id = AKIAOTHEROTHEROTHER1\r\naws_secret_access_key = other\r\n`,
  );
  const r = await user.run(["prod", "--otp", user.code()]);
  if (r.code !== 0) throw new Error(`login failed: ${r.stderr}`);
  session = await sessionFromStdout(r.stdout, user.sandbox.env);
});

async function run(command: string[], env: Record<string, string>) {
  const child = Bun.spawn(command, { env, stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}

describe("the written session, read back by other tools", () => {
  test("@smithy/shared-ini-file-loader", async () => {
    const files = await loadSharedConfigFiles({
      filepath: user.sandbox.credentialsPath,
      configFilepath: user.sandbox.configPath,
      ignoreCache: true,
    });
    expect(files.credentialsFile.prod).toEqual({
      aws_access_key_id: session.accessKeyId,
      aws_secret_access_key: session.secretAccessKey,
      aws_session_token: session.sessionToken,
      expiration: session.expiration,
    });
  });

  test.skipIf(!hasBotocore)("botocore's credential chain for --profile prod", async () => {
    const script =
      "import json, botocore.session\n" +
      "c = botocore.session.Session(profile='prod').get_credentials().get_frozen_credentials()\n" +
      "print(json.dumps([c.access_key, c.secret_key, c.token]))\n";
    const r = await run(["python3", "-c", script], user.sandbox.env);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([
      session.accessKeyId,
      session.secretAccessKey,
      session.sessionToken,
    ]);
  });

  test.skipIf(!hasAwsCli)("aws configure get ... --profile prod", async () => {
    const get = async (key: string) =>
      (
        await run([AWS_CLI, "configure", "get", key, "--profile", "prod"], user.sandbox.env)
      ).stdout.trim();
    const keys = ["aws_session_token", "aws_access_key_id", "aws_secret_access_key", "mfa_serial"];
    expect(await Promise.all(keys.map(get))).toEqual([
      session.sessionToken,
      session.accessKeyId,
      session.secretAccessKey,
      user.serial,
    ]);
  });

  test.skipIf(!hasAwsCli)("aws sts get-caller-identity --profile prod signs with it", async () => {
    const r = await run(
      [AWS_CLI, "sts", "get-caller-identity", "--profile", "prod", "--endpoint-url", world.aws.url],
      user.sandbox.env,
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).Arn).toBe(user.user.arn);
    const call = world.aws.calls.findLast((c) => c.action === "GetCallerIdentity");
    expect(call?.accessKeyId).toBe(session.accessKeyId);
  });
});
