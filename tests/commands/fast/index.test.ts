/**
 * The fast path in process: what it answers itself (a cached session, the prompt) and what it
 * leaves to the full CLI (returns undefined, having written nothing). That the two print the
 * same bytes is shown by tests/e2e/fast-path.test.ts with both binaries.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fastRun } from "../../../src/commands/fast/index.ts";
import { fastInvocation } from "../../../src/commands/fast/invocation.ts";
import { sessionCachePath } from "../../../src/session/cache.ts";

const KEY = "AKIAFASTPATHTEST0001";
const SERIAL = "arn:aws:iam::123456789012:mfa/fast";
const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

interface Home {
  home: string;
  run(argv: string[], env?: Record<string, string>): Promise<Said | undefined>;
  cache(expiresInSeconds: number): void;
  files(): string;
}

interface Said {
  code: number;
  stdout: string;
  stderr: string;
}

function makeHome(config: string, credentials: string): Home {
  const home = mkdtempSync(join(tmpdir(), "awsmfa-fast-"));
  homes.push(home);
  mkdirSync(join(home, ".aws"));
  writeFileSync(join(home, ".aws", "config"), config);
  writeFileSync(join(home, ".aws", "credentials"), credentials);
  const baseEnv = { HOME: home, XDG_CACHE_HOME: join(home, ".cache") };
  const files = () =>
    ["config", "credentials"].map((f) => readFileSync(join(home, ".aws", f), "utf8")).join("\n");
  return {
    home,
    files,
    cache(expiresInSeconds) {
      const path = sessionCachePath(
        {
          env: baseEnv,
          homedir: home,
          platform: "linux",
          fs: undefined as never,
          uid: undefined,
          gid: undefined,
        },
        { longTermKeyId: KEY, serial: SERIAL },
      );
      mkdirSync(dirname(path), { recursive: true });
      const expiration = new Date(Math.floor(Date.now() / 1000 + expiresInSeconds) * 1000);
      const record = {
        format: 1,
        accessKeyId: "ASIAFASTSESSION00001",
        secretAccessKey: "secret/with+chars",
        sessionToken: "token",
        expiration: expiration.toISOString(),
        serial: SERIAL,
      };
      writeFileSync(path, JSON.stringify(record));
    },
    async run(argv, env = {}) {
      let stdout = "";
      let stderr = "";
      const before = files();
      const invocation = fastInvocation(argv, env);
      if (!invocation) throw new Error(`not a fast-path line: ${argv.join(" ")}`);
      const code = await fastRun(invocation, {
        env: { ...baseEnv, ...env },
        platform: "linux",
        homedir: home,
        execPath: "/usr/bin/awsmfa",
        isTerminal: () => false,
        writers: {
          1: {
            write: (t) => {
              stdout += t;
            },
            isTTY: false,
          },
          2: {
            write: (t) => {
              stderr += t;
            },
            isTTY: false,
          },
        },
      });
      expect(files()).toBe(before); // the fast path never writes
      if (code === undefined) {
        expect(stdout + stderr).toBe(""); // nothing said before falling through
        return undefined;
      }
      return { code, stdout, stderr };
    },
  };
}

const PAIR_CONFIG = `[profile prod]\nmfa_serial = ${SERIAL}\nregion = eu-west-1\n`;
const PAIR_CREDENTIALS = `[prod-long-term]\naws_access_key_id = ${KEY}\naws_secret_access_key = s\n`;

describe("the fast path", () => {
  test("answers a cached login in eval mode with the export lines and the reuse line", async () => {
    const home = makeHome(PAIR_CONFIG, PAIR_CREDENTIALS);
    home.cache(3600);
    const said = await home.run(["prod", "--no-write"]);
    expect(said?.code).toBe(0);
    expect(said?.stdout).toContain("export AWS_ACCESS_KEY_ID='ASIAFASTSESSION00001'\n");
    expect(said?.stdout).toContain("export AWS_REGION='eu-west-1'\n");
    expect(said?.stderr).toBe("Reusing session for prod, valid for 1h00m\n");
  });

  test("answers credential-process and --format json with the JSON alone", async () => {
    const home = makeHome(PAIR_CONFIG, PAIR_CREDENTIALS);
    home.cache(3600);
    for (const argv of [
      ["credential-process", "prod"],
      ["prod", "--format", "json", "--no-write"],
    ]) {
      const said = await home.run(argv);
      expect(JSON.parse(said!.stdout)).toMatchObject({
        Version: 1,
        AccessKeyId: "ASIAFASTSESSION00001",
      });
    }
    expect((await home.run(["credential-process", "prod"]))?.stderr).toBe("");
  });

  test("answers prompt from the environment", async () => {
    const home = makeHome("", "");
    const expires = String(Math.floor(Date.now() / 1000) + 3600);
    expect(await home.run(["prompt"], { AWS_PROFILE: "prod", AWSMFA_EXPIRES: expires })).toEqual({
      code: 0,
      stdout: "prod 1h00m\n",
      stderr: "",
    });
    expect(await home.run(["prompt"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test.each([
    ["no cached session", 0, ["prod", "--no-write"], {}],
    ["too little time left", 600, ["prod", "--no-write"], {}],
    [
      "AWSMFA_MIN_REMAINING above what is left",
      3600,
      ["prod", "--no-write"],
      { AWSMFA_MIN_REMAINING: "2h" },
    ],
    ["a bad AWSMFA_MIN_REMAINING", 3600, ["prod", "--no-write"], { AWSMFA_MIN_REMAINING: "soon" }],
    ["the session still to be written into [prod]", 3600, ["prod"], {}],
    ["a missing profile", 3600, ["nope"], {}],
    [
      "foreign keys in the shell (a question)",
      3600,
      ["prod", "--no-write"],
      { AWS_ACCESS_KEY_ID: "AKIAOTHER" },
    ],
    ["an unknown --format", 3600, ["prod", "--format", "xml", "--no-write"], {}],
    ["an unknown AWSMFA_SHELL", 3600, ["prod", "--no-write"], { AWSMFA_SHELL: "tcsh" }],
  ] as const)("falls through on %s", async (_what, expires, argv, env) => {
    const home = makeHome(PAIR_CONFIG, PAIR_CREDENTIALS);
    if (expires) home.cache(expires);
    expect(await home.run([...argv], env)).toBeUndefined();
  });

  test("falls through on a role profile and on malformed files", async () => {
    const role = makeHome(
      `${PAIR_CONFIG}[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = prod\n`,
      PAIR_CREDENTIALS,
    );
    role.cache(3600);
    expect(await role.run(["admin"])).toBeUndefined();
    const bad = makeHome(`[profile prod\nmfa_serial = ${SERIAL}\n`, PAIR_CREDENTIALS);
    bad.cache(3600);
    expect(await bad.run(["prod", "--no-write"])).toBeUndefined();
  });
});
