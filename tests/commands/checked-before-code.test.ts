/**
 * What can be refused without AWS is refused before an MFA code is asked for (or, for
 * configure, before the secret access key is read): console's --destination and browser,
 * exec's command, configure's --serial, --region, --otp-source and --key-store. A refusal
 * after the session cost the user a code (and a wait for the next one).
 *
 * The profiles take their codes from a code command; every program awsmfa would run is
 * recorded, not run, so "no code was asked" is "no program ran". stdin is closed, there is no
 * terminal, AWS is unreachable (a closed proxy port), and the files are byte-for-byte as
 * they were.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli.ts";
import { ExitCode } from "../../src/errors.ts";
import { testDeps } from "../support/test-deps.ts";

const top = mkdtempSync(join(tmpdir(), "awsmfa-before-code-"));
afterAll(() => rmSync(top, { recursive: true, force: true }));

const CONFIG = [
  "[profile base]",
  "mfa_serial = arn:aws:iam::123456789012:mfa/alice",
  "awsmfa_otp_command = /bin/echo 123456",
  "[profile admin]",
  "role_arn = arn:aws:iam::123456789012:role/admin",
  "source_profile = base",
  "",
].join("\n");
const CREDENTIALS = [
  "[base-long-term]",
  "aws_access_key_id = AKIAEXAMPLEEXAMPLE12",
  "aws_secret_access_key = secretsecretsecretsecretsecretsecret1234",
  "",
].join("\n");

/** Every file under `dir`, with its bytes: the files are the same when this is. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = readFileSync(path, "latin1");
  }
  return out;
}

async function refused(argv: string[], extraEnv: Record<string, string> = {}) {
  const home = mkdtempSync(join(top, "h-"));
  writeFileSync(join(home, "config"), CONFIG);
  writeFileSync(join(home, "credentials"), CREDENTIALS);
  const env = {
    HOME: home,
    PATH: "/usr/bin:/bin",
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWSMFA_CACHE_DIR: join(home, "cache"),
    HTTPS_PROXY: "http://127.0.0.1:9",
    HTTP_PROXY: "http://127.0.0.1:9",
    ...extraEnv,
  };
  const before = snapshot(home);
  const ran: string[] = [];
  const record = async (program: string) => {
    ran.push(program);
    return { code: 0, signal: null, stdout: "123456\n", stderr: "" } as never;
  };
  const world = testDeps({
    env,
    homedir: home,
    exec: record,
    spawnInteractive: record,
  } as never);
  const code = await run(argv, world.deps);
  return {
    code,
    stderr: world.stderr(),
    stdout: world.stdout(),
    ran,
    same: snapshot(home),
    before,
  };
}

describe("refused before a code is asked for", () => {
  const CASES: [string, string[], Record<string, string>, number, string][] = [
    [
      "console: a destination on another site",
      ["console", "admin", "--print", "--destination", "https://evil.example/x"],
      {},
      ExitCode.usage,
      "is not a page of the AWS console (console.aws.amazon.com)",
    ],
    [
      "console: a destination that is no URL or service",
      ["console", "admin", "--print", "--destination", "not a page"],
      {},
      ExitCode.usage,
      "neither a console URL nor a service name",
    ],
    [
      "console: a BROWSER that is not there",
      ["console", "admin"],
      { BROWSER: "/nonexistent/browser" },
      ExitCode.config,
      'Cannot open a browser: "/nonexistent/browser" is not installed.',
    ],
    [
      "console: no opener on PATH",
      ["console", "admin"],
      { PATH: top },
      ExitCode.config,
      'Cannot open a browser: "xdg-open" is not installed.',
    ],
    [
      "exec: a command that is not on PATH",
      ["exec", "base", "--", "awsmfa-no-such-command", "x"],
      {},
      ExitCode.commandNotFound,
      'Cannot run "awsmfa-no-such-command": no such command.',
    ],
    [
      "exec: a shell that is not there",
      ["exec", "base"],
      { SHELL: "awsmfa-no-such-shell" },
      ExitCode.commandNotFound,
      'Cannot run "awsmfa-no-such-shell": no such command.',
    ],
  ];
  for (const [name, argv, env, exit, message] of CASES) {
    test(name, async () => {
      const r = await refused(argv, env);
      expect(r.stderr).toContain(message);
      expect(r.code).toBe(exit);
      expect(r.ran).toEqual([]);
      expect(r.stdout).toBe("");
      expect(r.same).toEqual(r.before);
    });
  }
});

describe("configure: refused before the secret access key is read", () => {
  const keys = ["--access-key-id", "AKIAEXAMPLEEXAMPLE99", "--secret-access-key", "-"];
  const CASES: [string, string[], Record<string, string>, number, string][] = [
    [
      "a region name that is none",
      ["--region", "moon-1"],
      {},
      ExitCode.usage,
      '"moon-1" is not an AWS region name.',
    ],
    [
      "an unknown code source",
      ["--otp-source", "nope"],
      {},
      ExitCode.usage,
      'Unknown code source "nope".',
    ],
    [
      "a serial that is none",
      ["--serial", "not a serial"],
      {},
      ExitCode.usage,
      "is not an MFA device serial number",
    ],
    [
      "a key store that is not here",
      ["--key-store", "pass"],
      { PATH: top },
      ExitCode.config,
      "The pass key store is not available here",
    ],
  ];
  for (const [name, flags, env, exit, message] of CASES) {
    test(name, async () => {
      const r = await refused(["configure", "fresh", ...keys, ...flags], env);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain("secret");
      expect(r.code).toBe(exit);
      expect(r.ran).toEqual([]);
      expect(r.same).toEqual(r.before);
    });
  }
});
