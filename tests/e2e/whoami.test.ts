/** `awsmfa whoami` with the compiled binary against the fake AWS (and moto when present). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { closedPort } from "../support/closed-port.ts";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import { runAwsmfa } from "../support/run-binary.ts";
import { makeSandbox, type Sandbox } from "../support/sandbox.ts";

let aws: FakeAws;
let alice: FakeUser;
let sandbox: Sandbox;

beforeAll(async () => {
  aws = await startFakeAws();
  alice = aws.addUser({ name: "alice" });
  sandbox = makeSandbox({ endpoint: aws.url });
  sandbox.writeCredentials(
    [
      "[dev]",
      `aws_access_key_id = ${alice.accessKeyId}`,
      `aws_secret_access_key = ${alice.secretAccessKey}`,
      "",
      "[broken]",
      `aws_access_key_id = ${alice.accessKeyId}`,
      "aws_secret_access_key = not-the-secret",
      "",
      "[nobody]",
      "aws_access_key_id = AKIAAAAAAAAAAAAAAAAA",
      "aws_secret_access_key = whatever",
      "",
    ].join("\n"),
  );
  sandbox.writeConfig("[profile dev]\nregion = eu-west-1\n");
});
afterAll(async () => {
  await aws.stop();
  sandbox.cleanup();
});

describe("whoami", () => {
  test("prints account, ARN and user id of a profile", async () => {
    const r = await runAwsmfa(["whoami", "--profile", "dev"], { env: sandbox.env });
    expect(r.stderr).toContain("profile dev");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Account  ${alice.account}\nARN      ${alice.arn}\nUserId   ${alice.userId}\n`,
    );
  });

  test("--json has the shape of aws sts get-caller-identity", async () => {
    const r = await runAwsmfa(["whoami", "--json"], {
      env: { ...sandbox.env, AWS_PROFILE: "dev" },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      UserId: alice.userId,
      Account: alice.account,
      Arn: alice.arn,
    });
  });

  test("uses the AWS_* keys of the shell when no --profile is given", async () => {
    const r = await runAwsmfa(["whoami", "--json"], {
      env: {
        ...sandbox.env,
        AWS_ACCESS_KEY_ID: alice.accessKeyId,
        AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
      },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Arn).toBe(alice.arn);
  });

  test("signs for the profile's region (the fake checks the SigV4 scope)", async () => {
    aws.clearCalls();
    const r = await runAwsmfa(["whoami", "--profile", "dev"], { env: sandbox.env });
    expect(r.code).toBe(0);
    expect(aws.count("GetCallerIdentity")).toBe(1);
  });

  test("a wrong secret: exit 4, a clear message, the key masked", async () => {
    const r = await runAwsmfa(["whoami", "--profile", "broken"], { env: sandbox.env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("rejected the secret access key");
    expect(r.stderr).toContain(
      `${alice.accessKeyId.slice(0, 4)}****${alice.accessKeyId.slice(-4)}`,
    );
    expect(r.stderr).not.toContain(alice.accessKeyId);
    expect(r.stdout).toBe("");
  });

  test("an unknown key: exit 4, says AWS does not recognise it", async () => {
    const r = await runAwsmfa(["whoami", "--profile", "nobody"], { env: sandbox.env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("does not recognise the access key AKIA****AAAA");
  });

  test("a missing profile: exit 3, names the files it read", async () => {
    const r = await runAwsmfa(["whoami", "--profile", "nope"], { env: sandbox.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('There is no profile named "nope"');
    expect(r.stderr).toContain(sandbox.credentialsPath);
  });

  test("AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE are honoured", async () => {
    const credentials = sandbox.file(
      "elsewhere/creds",
      `[other]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`,
    );
    const config = sandbox.file("elsewhere/conf", "[profile other]\nregion = ap-south-1\n");
    const r = await runAwsmfa(["whoami", "--profile", "other"], {
      env: { ...sandbox.env, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(alice.arn);
  });

  test("AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL", async () => {
    const r = await runAwsmfa(["whoami", "--profile", "dev"], {
      env: {
        ...sandbox.env,
        AWS_ENDPOINT_URL: "http://127.0.0.1:1",
        AWS_ENDPOINT_URL_STS: aws.url,
      },
    });
    expect(r.code).toBe(0);
  });

  test("an unreachable endpoint fails at once with exit 5 and names the endpoint", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const r = await runAwsmfa(["whoami", "--profile", "dev"], {
      env: { ...sandbox.env, AWS_ENDPOINT_URL: url },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Could not reach AWS STS/IAM at ${url}`);
    expect(r.ms).toBeLessThan(10_000);
  });

  test("an endpoint that never answers fails within ~10 s with exit 5", async () => {
    aws.inject({ kind: "hang", action: "GetCallerIdentity", times: Number.POSITIVE_INFINITY });
    try {
      const r = await runAwsmfa(["whoami", "--profile", "dev"], { env: sandbox.env });
      expect(r.code).toBe(5);
      expect(r.stderr).toContain("did not answer in time");
      expect(r.ms).toBeLessThan(12_000);
    } finally {
      aws.clearFaults();
    }
  });
});
