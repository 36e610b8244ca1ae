/**
 * The two commands that run often and must be quick: `awsmfa prompt` (at every prompt, from
 * starship or p10k) and the hidden `awsmfa _profiles` (at every Tab). Both with the compiled
 * binary; both checked not to load the AWS SDK; their times are measured and printed.
 */
import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { runAwsmfa } from "../support/run-binary.ts";
import { useSandbox } from "../support/sandbox.ts";

const root = resolve(import.meta.dir, "..", "..");
const sandbox = useSandbox();

sandbox.writeConfig(
  "[default]\nregion = eu-west-1\n[profile prod]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n[profile staging]\n[sso-session corp]\nsso_region = eu-west-1\n",
);
sandbox.writeCredentials(
  "[prod-long-term]\naws_access_key_id = AKIAEXAMPLEEXAMPLE12\naws_secret_access_key = x\n[prod]\n",
);

async function median(args: string[], env: Record<string, string>, runs = 9): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await runAwsmfa(args, { env })).ms);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function fromSourceWithoutSdk(args: string[], env: Record<string, string>) {
  const child = Bun.spawn(
    [
      process.execPath,
      "--preload",
      join(root, "tests/support/forbid-aws-sdk.ts"),
      join(root, "src/main.ts"),
      ...args,
    ],
    { env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
  );
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}

describe("awsmfa prompt", () => {
  const session = {
    ...sandbox.env,
    AWS_PROFILE: "prod",
    AWSMFA_EXPIRES: String(Math.floor(Date.now() / 1000) + 7 * 3600 + 42 * 60 + 30),
  };

  test("prints the profile and the time left", async () => {
    const r = await runAwsmfa(["prompt"], { env: session });
    expect(r).toMatchObject({ code: 0, stdout: "prod 7h42m\n", stderr: "" });
  });

  test("prints nothing, successfully, when the shell has no session", async () => {
    const r = await runAwsmfa(["prompt"], { env: { ...sandbox.env, AWS_PROFILE: "prod" } });
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  test("--template and AWSMFA_PROMPT_TEMPLATE; the flag wins", async () => {
    const env = { ...session, AWSMFA_PROMPT_TEMPLATE: "aws:{profile}" };
    expect((await runAwsmfa(["prompt"], { env })).stdout).toBe("aws:prod\n");
    const flag = await runAwsmfa(["prompt", "--template", "[{left}]"], { env });
    expect(flag.stdout).toBe("[7h42m]\n");
  });

  test("never loads the AWS SDK, and is quick", async () => {
    const r = await fromSourceWithoutSdk(["prompt"], session);
    expect(r).toMatchObject({ code: 0, stdout: "prod 7h42m\n" });
    const ms = await median(["prompt"], session);
    console.log(`awsmfa prompt: median ${ms.toFixed(1)} ms per run (process start included)`);
    expect(ms).toBeLessThan(1000);
  });
});

describe("awsmfa _profiles (hidden, for Tab completion)", () => {
  test("lists every profile of both files once, in file order; not sso-sessions", async () => {
    const r = await runAwsmfa(["_profiles"], { env: sandbox.env });
    expect(r).toMatchObject({
      code: 0,
      stdout: "default\nprod\nstaging\nprod-long-term\n",
      stderr: "",
    });
  });

  test("follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE; missing files list nothing", async () => {
    const other = sandbox.file("elsewhere/config", "[profile elsewhere]\n");
    const env = {
      ...sandbox.env,
      AWS_CONFIG_FILE: other,
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/x",
    };
    expect((await runAwsmfa(["_profiles"], { env })).stdout).toBe("elsewhere\n");
    const none = { ...env, AWS_CONFIG_FILE: "/nonexistent/y" };
    expect(await runAwsmfa(["_profiles"], { env: none })).toMatchObject({ code: 0, stdout: "" });
  });

  test("is not in --help", async () => {
    const r = await runAwsmfa(["--help"], { env: sandbox.env });
    expect(r.stdout).not.toContain("_profiles");
    expect(r.stdout).not.toContain("_notify");
    expect(r.stdout).toContain("doctor");
    expect(r.stdout).toContain("prompt");
  });

  test("never loads the AWS SDK, and is quick", async () => {
    const r = await fromSourceWithoutSdk(["_profiles"], sandbox.env);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("prod-long-term\n");
    const ms = await median(["_profiles"], sandbox.env);
    const base = await median(["--version"], sandbox.env);
    console.log(
      `awsmfa _profiles: median ${ms.toFixed(1)} ms per run; --version ${base.toFixed(1)} ms (process start)`,
    );
    expect(ms).toBeLessThan(1000);
  });
});
