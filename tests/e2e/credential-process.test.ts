/**
 * awsmfa credential-process: the JSON on stdout and nothing else anywhere on success; one
 * GetSessionToken and one prompt for many processes at once; cached answers in milliseconds;
 * read by the real AWS CLI through `credential_process` in a throwaway config.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles, callsOf } from "../support/role-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
const AWS_CLI = "/usr/bin/aws";
const hasCli = existsSync(AWS_CLI);
if (!hasCli) console.log(`skipped: ${AWS_CLI} (AWS CLI v2) is not installed`);
if (!tmuxAvailable())
  console.log("skipped: tmux is not installed, so the one-prompt test cannot run");

const JSON_LINE =
  /^\{"Version":1,"AccessKeyId":"ASIA[A-Z0-9]{16}","SecretAccessKey":"[^"]+","SessionToken":"[^"]+","Expiration":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}\n$/;

let session: ShellSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe("credential-process", () => {
  test("prints exactly the credential_process JSON, and nothing on stderr", async () => {
    const login = world.user();
    const r = await login.run(["credential-process", "prod", "--otp", login.code()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(JSON_LINE);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    expect(Date.parse(json.Expiration) - world.aws.now()).toBeGreaterThan(11.9 * 3600_000);
  });

  test("cached answers: same JSON, no call, no output but the JSON, a few ms each", async () => {
    const login = world.user();
    const first = await login.run(["credential-process", "prod", "--otp", login.code()]);
    const calls = world.aws.calls.length;
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await login.run(["credential-process", "prod"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(first.stdout);
      expect(r.stderr).toBe("");
      times.push(r.ms);
    }
    expect(world.aws.calls.length).toBe(calls);
    const median = times.sort((a, b) => a - b)[4]!;
    console.log(`credential-process, cached: median ${median.toFixed(1)} ms (incl. process start)`);
    expect(median).toBeLessThan(250);
  });

  test("--help shows the line for ~/.aws/config", async () => {
    const login = world.user();
    const r = await login.run(["credential-process", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "credential_process = /home/me/.local/bin/awsmfa credential-process prod",
    );
  });

  test("the cached answer never loads the AWS SDK", async () => {
    const login = world.user();
    const first = await login.run(["credential-process", "prod", "--otp", login.code()]);
    const root = join(import.meta.dir, "..", "..");
    const child = Bun.spawn(
      [
        process.execPath,
        "--preload",
        join(root, "tests/support/forbid-aws-sdk.ts"),
        join(root, "src/main.ts"),
        "credential-process",
        "prod",
      ],
      { env: login.sandbox.env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
    );
    const [status, out, err] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    expect(err).toBe("");
    expect(status).toBe(0);
    expect(out).toBe(first.stdout);
  });

  test("no code and no terminal: exit 7, the reason on stderr, nothing on stdout", async () => {
    const login = world.user();
    const r = await login.run(["credential-process", "prod"]);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("needs an MFA code for prod, but there is no terminal");
    // The MFA step's lock was taken and given back: nothing is left in the cache folder but
    // the short-lived marker that tells callers waiting meanwhile to fail the same way.
    const left = readdirSync(join(login.sandbox.home, ".cache", "awsmfa", "sessions"));
    expect(left.filter((name) => !name.endsWith(".json.failed"))).toEqual([]);
  });

  test("an unknown profile: exit 3, said on stderr", async () => {
    const login = world.user();
    const r = await login.run(["credential-process", "prd"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('There is no profile named "prd". Did you mean "prod"?');
  });

  test("8 processes at once: one GetSessionToken, the same session for all", async () => {
    const login = world.user();
    const code = login.code();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => login.run(["credential-process", "prod", "--otp", code])),
    );
    for (const r of results) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    // Without the lock, all 8 would call and 7 would be refused for reusing the code.
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
  });

  test("a role profile: the role's session, one AssumeRole for 8 processes", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const code = login.code();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        login.run(["credential-process", "prod-admin", "--otp", code]),
      ),
    );
    expect(results.map((r) => r.code)).toEqual(Array(8).fill(0));
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
    expect(callsOf(world.aws, login, "AssumeRole")).toHaveLength(1);
    const keyId = JSON.parse(results[0]!.stdout).AccessKeyId;
    const who = await login.run(["whoami", "--json"], {
      env: {
        ...login.sandbox.env,
        AWS_ACCESS_KEY_ID: keyId,
        AWS_SECRET_ACCESS_KEY: JSON.parse(results[0]!.stdout).SecretAccessKey,
        AWS_SESSION_TOKEN: JSON.parse(results[0]!.stdout).SessionToken,
      },
    });
    expect(JSON.parse(who.stdout).Arn).toContain(":assumed-role/prod-admin-");
  });

  test.skipIf(!tmuxAvailable())(
    "8 processes on one terminal: one prompt, one code typed, one GetSessionToken",
    async () => {
      const login = world.user();
      const binary = await awsmfaBinary();
      const out = mkdtempSync(join(tmpdir(), "awsmfa-cp-"));
      try {
        session = await startShell("bash", {
          home: login.sandbox.home,
          env: login.sandbox.env,
          width: 160,
          height: 40,
        });
        // A non-interactive bash starts them: no job control, so all 8 may read the terminal.
        await session.start(
          `bash -c 'for i in 1 2 3 4 5 6 7 8; do "$0" credential-process prod >"$1/out.$i" 2>"$1/err.$i" & done; wait' '${binary}' '${out}'`,
        );
        await session.waitFor("MFA code for prod", 10_000);
        await session.type(login.code());
        await session.press("Enter");
        const shown = await session.finish(20_000);
        expect(shown.match(/MFA code for prod/g)).toHaveLength(1);
        expect(shown.match(/New session for prod/g)).toHaveLength(1);
        const outputs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) =>
          readFileSync(join(out, `out.${i}`), "utf8"),
        );
        for (const text of outputs) expect(text).toMatch(JSON_LINE);
        expect(new Set(outputs).size).toBe(1);
        for (let i = 1; i <= 8; i++) expect(readFileSync(join(out, `err.${i}`), "utf8")).toBe("");
        expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});

describe.skipIf(!hasCli)("credential_process read by the real AWS CLI", () => {
  async function aws(args: string[], env: Record<string, string>) {
    const child = Bun.spawn([AWS_CLI, ...args], {
      env: { ...env, AWS_PAGER: "" },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const [code, stdout, stderr] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    return { code, stdout, stderr };
  }

  test("aws sts get-caller-identity --profile prod gets the MFA session from awsmfa", async () => {
    const login = world.user();
    const binary = await awsmfaBinary();
    // credential_process in the very profile awsmfa logs in to, as the README tells people.
    const withProcess = login.sandbox
      .readConfig()
      .replace(
        "[profile prod]\n",
        `[profile prod]\ncredential_process = ${binary} credential-process prod --otp ${login.code()}\n`,
      );
    login.sandbox.writeConfig(
      `${withProcess}[profile prod-cached]\nregion = eu-west-1\ncredential_process = ${binary} credential-process prod\n`,
    );
    const env = { ...login.sandbox.env, AWS_ENDPOINT_URL_STS: world.aws.url };
    // AWS_ENDPOINT_URL_STS is for awsmfa; this CLI predates it, so it gets --endpoint-url.
    const args = [
      "sts",
      "get-caller-identity",
      "--endpoint-url",
      world.aws.url,
      "--output",
      "json",
    ];
    const first = await aws([...args, "--profile", "prod"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).Arn).toBe(login.user.arn);
    const cached = await aws([...args, "--profile", "prod-cached"], env);
    expect(cached.stderr).toBe("");
    expect(cached.code).toBe(0);
    expect(JSON.parse(cached.stdout).Arn).toBe(login.user.arn);
    expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(1);
    // The CLI's GetCallerIdentity calls were signed with the session, not the long-term key.
    const identityCalls = world.aws.calls.filter(
      (c) => c.action === "GetCallerIdentity" && c.status === 200,
    );
    expect(identityCalls.at(-1)?.accessKeyId).toMatch(/^ASIA/);
  });

  test("a failing credential-process shows its message through the CLI", async () => {
    const login = world.user();
    const binary = await awsmfaBinary();
    login.sandbox.writeConfig(
      `${login.sandbox.readConfig()}[profile cp]\ncredential_process = ${binary} credential-process prod\n`,
    );
    const r = await aws(
      ["sts", "get-caller-identity", "--profile", "cp", "--endpoint-url", world.aws.url],
      login.sandbox.env,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("needs an MFA code for prod, but there is no terminal");
  });
});
