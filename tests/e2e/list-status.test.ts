/**
 * awsmfa list (ls) and awsmfa status: what each profile is and whether its session is valid,
 * from the files and the cache; status also asks AWS who it is (unless --offline) and exits
 * 6 when there is no valid session, so scripts can test it.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { evalInBash, type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { runInPty, scriptAvailable } from "../support/pty.ts";

const world = useLoginWorld();
let user: LoginUser;
let shell: Record<string, string>;
const SOLO_SERIAL = "arn:aws:iam::210987654321:mfa/solo";

beforeAll(async () => {
  user = world.user();
  user.sandbox.writeConfig(
    [
      "[profile prod]",
      `mfa_serial = ${user.serial}`,
      "region = eu-west-1",
      "[profile admin]",
      "role_arn = arn:aws:iam::123456789012:role/admin",
      "source_profile = prod",
      "[profile sso]",
      "sso_session = corp",
      "region = us-east-1",
      "[profile solo]",
      `mfa_serial = ${SOLO_SERIAL}`,
      "region = us-west-2",
      "",
    ].join("\n"),
  );
  user.sandbox.writeCredentials(
    `${user.sandbox.readCredentials()}\n[solo]\naws_access_key_id = AKIASOLOSOLOSOLOSOLO\naws_secret_access_key = solo\n\n[stale]\naws_access_key_id = ASIASTALESTALESTALE1\naws_secret_access_key = s\naws_session_token = t\nexpiration = 2020-01-01T00:00:00Z\n`,
  );
  const r = await user.run(["prod", "--otp", user.code()]);
  if (r.code !== 0) throw new Error(r.stderr);
  shell = await evalInBash(r.stdout, {});
});

describe("list", () => {
  test("a table of every profile: kind, device, region, session", async () => {
    const r = await user.run(["list"]);
    expect(r.code).toBe(0);
    const device = user.serial.replace(/^arn:aws:iam::/, "");
    const rows = r.stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split(/\s{2,}/));
    expect(rows).toEqual([
      ["PROFILE", "KIND", "MFA DEVICE", "REGION", "SESSION"],
      ["prod", "session", device, "eu-west-1", "12h00m left"],
      ["admin", "role", "-", "-", "none"],
      ["sso", "other", "-", "us-east-1", "-"],
      ["solo", "long-term", "210987654321:mfa/solo", "us-west-2", "none"],
      ["prod-long-term", "long-term", "-", "-", "-"],
      ["stale", "session", "-", "-", "expired"],
    ]);
    expect(r.stdout).not.toContain("\x1b[");
    expect((await user.run(["ls"])).stdout).toBe(r.stdout);
  });

  test("--json", async () => {
    const r = await user.run(["list", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatchObject({
      name: "prod",
      kind: "session",
      longTermProfile: "prod-long-term",
      mfaSerial: user.serial,
      region: "eu-west-1",
      session: { state: "valid", source: "file" },
    });
    expect(rows[0].session.secondsLeft).toBeGreaterThan(11 * 3600);
    expect(rows[0].session.expiration).toBe(shell.AWS_CREDENTIAL_EXPIRATION);
    expect(rows[3].session).toEqual({ state: "none" });
    expect(rows[5].session).toMatchObject({ state: "expired", secondsLeft: 0 });
    // A role profile has a session of its own: its cached role session (none yet here).
    expect(rows[1].session).toEqual({ state: "none" });
    expect(rows[2].session).toBeNull();
  });

  test("a session only in the cache says so", async () => {
    const other = world.user();
    expect((await other.run(["prod", "--otp", other.code(), "--no-write"])).code).toBe(0);
    const r = await other.run(["list"]);
    expect(r.stdout).toMatch(/^prod\s+session\s+.*12h00m left \(cached\)$/m);
  });

  test("no profiles at all", async () => {
    const empty = world.user();
    const { rmSync } = await import("node:fs");
    rmSync(empty.sandbox.configPath);
    rmSync(empty.sandbox.credentialsPath);
    const r = await empty.run(["list"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("`awsmfa configure NAME` sets one up");
    expect((await empty.run(["list", "--json"])).stdout).toBe("[]\n");
  });

  test.skipIf(!scriptAvailable())("colour on a terminal only", async () => {
    const env = { ...user.sandbox.env };
    delete env.NO_COLOR;
    const r = await runInPty(["list"], env);
    expect(r.output).toContain("\x1b[32m12h00m left");
    expect(r.output).toContain("\x1b[31mexpired");
  });
});

describe("status", () => {
  test("the shell's variables: who, how long, exit 0", async () => {
    const r = await user.run(["status"], { env: shell });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Using    the AWS_* variables of this shell (AWS_PROFILE=prod)");
    expect(r.stdout).toMatch(/^Key {6}ASIA\*{4}\w{4}$/m);
    expect(r.stdout).toMatch(/^Expires {2}\S+Z \(12h00m left\)$/m);
    expect(r.stdout).toContain(`ARN      ${user.user.arn}`);
    expect(r.stdout).toContain(`Account  ${user.user.account}`);
    expect(r.stdout).toMatch(/^Status {3}valid$/m);
  });

  test("a profile: its session in the file; --offline makes no call", async () => {
    const r = await user.run(["status", "prod"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Session  [prod] in ${user.sandbox.credentialsPath}`);
    world.aws.clearCalls();
    const offline = await user.run(["status", "--offline", "--profile", "prod"]);
    expect(offline.code).toBe(0);
    expect(offline.stdout).not.toContain("ARN");
    expect(world.aws.calls).toHaveLength(0);
  });

  test("--json", async () => {
    const r = await user.run(["status", "prod", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      valid: true,
      problem: null,
      using: "profile",
      profile: "prod",
      source: "file",
      expiration: shell.AWS_CREDENTIAL_EXPIRATION,
      identity: { Arn: user.user.arn, Account: user.user.account },
    });
    expect(r.stdout).not.toContain(shell.AWS_SECRET_ACCESS_KEY!);
    expect(r.stdout).not.toContain(shell.AWS_ACCESS_KEY_ID!);
  });

  const noSession: Array<[string[], string, Record<string, string>]> = [
    [["status", "stale"], "expired", {}],
    [["status", "solo"], "no session", {}],
    [["status", "sso"], "no session", {}],
    [["status"], "no session", {}],
    [
      ["status"],
      "long-term keys, not a session",
      { AWS_ACCESS_KEY_ID: "AKIAX", AWS_SECRET_ACCESS_KEY: "x" },
    ],
  ];
  test.each(noSession)("%p: exit 6 (%s)", async (args, problem, env) => {
    const r = await user.run(args, { env });
    expect(r.code).toBe(6);
    expect(r.stdout).toContain(`Status   ${problem}; log in with`);
  });

  test("a named profile that exists nowhere: exit 3, the known profiles, nothing else", async () => {
    const r = await user.run(["status", "prood", "--offline"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('There is no profile named "prood". Did you mean "prod"?');
    expect(r.stderr).toContain("Known profiles: prod, admin, sso, solo");
  });

  test("a session AWS does not accept: exit 6, with AWS's reason", async () => {
    const other = world.user();
    const later = new Date(Date.now() + 3600_000).toISOString();
    other.sandbox.writeCredentials(
      `${other.sandbox.readCredentials()}\n[prod]\naws_access_key_id = ASIAREVOKEDREVOKED01\naws_secret_access_key = s\naws_session_token = t\nexpiration = ${later}\n`,
    );
    const r = await other.run(["status", "prod"]);
    expect(r.code).toBe(6);
    expect(r.stdout).toMatch(/^Status {3}AWS refused it: [^\n]*[^.]; log in with `awsmfa prod`$/m);
  });

  test("AWS unreachable is not an answer: exit 5", async () => {
    const r = await user.run(["status", "prod"], {
      env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
    });
    expect(r.code).toBe(5);
  });
});
