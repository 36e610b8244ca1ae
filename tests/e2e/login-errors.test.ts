/**
 * Every error a user can hit during login: a clear message, the documented exit code,
 * `false` on stdout in eval mode, and nothing changed (no cache, no file edits).
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { closedPort } from "../support/closed-port.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/** A cached session, that is. (The folder itself may exist: it holds the MFA step's lock.) */
function cacheExists(home: string): boolean {
  const dir = join(home, ".cache", "awsmfa", "sessions");
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith(".json"));
}

describe("login errors", () => {
  test("no terminal and no code: exit 7 at once, nothing sent to AWS", async () => {
    const { run, user, sandbox } = world.user();
    const r = await run(["login", "prod"]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("needs an MFA code for prod, but there is no terminal");
    expect(r.stderr).toContain("--otp");
    expect(r.stdout).toBe("false\n");
    expect(r.ms).toBeLessThan(5000);
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.accessKeyId)).toHaveLength(0);
    expect(cacheExists(sandbox.home)).toBe(false);
  });

  test("a malformed code is refused before any call to AWS (exit 2)", async () => {
    const { run, user } = world.user();
    for (const bad of ["12345", "1234567", "abcdef", ""]) {
      const r = await run(["login", "prod", "--otp", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("6-digit code");
    }
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.accessKeyId)).toHaveLength(0);
  });

  test("a wrong code: exit 4, 'wait for the next code', stdout `false`, no cache", async () => {
    const { run, code, sandbox } = world.user();
    const wrong = String((Number(code()) + 1) % 1_000_000).padStart(6, "0");
    const r = await run(["login", "prod", "--otp", wrong]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("rejected the MFA code");
    expect(r.stderr).toContain("Wait for the next code");
    expect(r.stdout).toBe("false\n");
    expect(cacheExists(sandbox.home)).toBe(false);
  });

  test("a code already used: exit 4 with the same advice", async () => {
    const a = world.user();
    const used = a.code();
    expect((await a.run(["login", "prod", "--otp", used])).code).toBe(0);
    const again = await a.run(["login", "prod", "--otp", used, "--force"]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("already used");
  });

  test("a serial that is not the user's device: exit 4, names the device", async () => {
    const { run, code, sandbox } = world.user();
    const other = world.aws.addUser();
    sandbox.writeConfig(`[profile prod]\nmfa_serial = ${other.devices[0]!.serial}\n`);
    const r = await run(["login", "prod", "--otp", code()]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`The MFA device ${other.devices[0]!.serial} is in account`);
  });

  test("a saved serial of a user in another account: exit 4, says whose keys and device they are", async () => {
    const { run, code, sandbox, user } = world.user();
    const other = world.aws.addUser({ name: "bob", account: "999988887777" });
    const serial = other.devices[0]!.serial;
    sandbox.writeConfig(`[profile prod]\nmfa_serial = ${serial}\n`);
    const before = sandbox.readConfig();
    const r = await run(["login", "prod", "--otp", code()]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`The MFA device ${serial} is in account 999988887777`);
    expect(r.stderr).toContain(`are those of user ${user.name} of account ${user.account}`);
    expect(r.stderr).toContain("Remove mfa_serial from profile prod");
    expect(r.stderr).toContain("aws iam list-mfa-devices --profile prod-long-term"); // safe: unquoted
    expect(sandbox.readConfig()).toBe(before);
  });

  test("a saved serial of another user of the same account: exit 4, names both", async () => {
    const { run, code, sandbox, user } = world.user();
    const other = world.aws.addUser({ name: "carol", account: user.account });
    const serial = other.devices[0]!.serial;
    sandbox.writeConfig(`[profile prod]\nmfa_serial = ${serial}\n`);
    const r = await run(["login", "prod", "--otp", code()]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`The MFA device ${serial} is named carol`);
    expect(r.stderr).toContain(`user ${user.name} of account ${user.account}`);
    expect(r.stderr).toContain("it may belong to another user");
  });

  test("invalid keys: exit 4", async () => {
    const { run, code, sandbox, serial } = world.user();
    sandbox.writeCredentials(
      "[prod-long-term]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = nope\n",
    );
    sandbox.writeConfig(`[profile prod]\nmfa_serial = ${serial}\n`);
    const r = await run(["login", "prod", "--otp", code()]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("does not recognise the access key AKIA****ZZZZ");
  });

  test("aws-cn keys sent to a commercial region: 'wrong partition?'", async () => {
    const { run, code } = world.user({ partition: "aws-cn", region: null });
    const r = await run(["login", "prod", "--otp", code(), "--region", "us-east-1"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("Wrong partition?");
    expect(r.stderr).toContain("cn-north-1");
  });

  test("session keys used as long-term keys: exit 3 with the fix, before any call", async () => {
    const first = world.user();
    const login = await first.run(["login", "prod", "--otp", first.code(), "--format", "json"]);
    const session = JSON.parse(login.stdout);
    first.sandbox.writeCredentials(
      `[prod-long-term]\naws_access_key_id = ${session.AccessKeyId}\naws_secret_access_key = ${session.SecretAccessKey}\n`,
    );
    const before = world.aws.calls.length;
    const r = await first.run(["login", "prod", "--otp", "123456", "--force"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("[prod-long-term]: holds session keys");
    expect(world.aws.calls.length).toBe(before);
  });

  test("clock skew that cannot be corrected: shows local time and AWS time", async () => {
    const { run, code } = world.user();
    world.aws.inject({ kind: "signature-expired", times: Number.POSITIVE_INFINITY });
    try {
      const r = await run(["login", "prod", "--otp", code()]);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/this computer.s clock is \d+m behind AWS/);
      expect(r.stderr).toMatch(/Local time: .*, AWS time: /);
    } finally {
      world.aws.clearFaults();
    }
  });

  test("throttling: exit 5, try again later", async () => {
    const { run, code } = world.user();
    world.aws.inject({ kind: "throttle", action: "GetSessionToken", times: 5 });
    try {
      const r = await run(["login", "prod", "--otp", code()]);
      expect(r.code).toBe(5);
      expect(r.stderr).toContain("throttling");
    } finally {
      world.aws.clearFaults();
    }
  });

  test("an internal error at AWS: exit 5, not your keys, try again", async () => {
    const { run, code } = world.user();
    world.aws.inject({ kind: "internal", action: "GetSessionToken", times: 5 });
    try {
      const r = await run(["login", "prod", "--otp", code()]);
      expect(r.code).toBe(5);
      expect(r.stdout).toBe("false\n");
      expect(r.stderr).toContain(
        'GetSessionToken failed (profile "prod-long-term"): InternalFailure',
      );
      expect(r.stderr).toContain(`problem on the side of ${world.aws.url}`);
      expect(r.stderr).toContain("Try again in a minute.");
    } finally {
      world.aws.clearFaults();
    }
  });

  test("unreachable endpoint: exit 5, names it, fast", async () => {
    const { run, code } = world.user();
    const port = await closedPort();
    const r = await run(["login", "prod", "--otp", code()], {
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`http://127.0.0.1:${port}`);
    expect(r.ms).toBeLessThan(10_000);
  });

  test("a duration outside 15m..36h is refused before any call (exit 2)", async () => {
    const { run, code, user } = world.user();
    for (const duration of ["10m", "37h", "899", "soon"]) {
      const r = await run(["login", "prod", "--otp", code(), "--duration", duration]);
      expect(r.code).toBe(2);
    }
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.accessKeyId)).toHaveLength(0);
  });

  test("a profile that exists nowhere: exit 3, suggests close names and commands", async () => {
    const { run } = world.user();
    const r = await run(["whoamii"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('There is no profile named "whoamii". Did you mean "whoami"?');
    const p = await run(["prdo"]);
    expect(p.stderr).toContain('Did you mean "prod"');
  });

  test("no long-term keys anywhere: exit 3, lists what was looked for", async () => {
    const { run, sandbox } = world.user();
    sandbox.writeCredentials(
      "[prod]\naws_access_key_id = ASIAXXXXXXXXXXXXXXXX\naws_secret_access_key = s\naws_session_token = t\n",
    );
    const r = await run(["login", "prod", "--otp", "123456"]);
    expect(r.code).toBe(3);
    for (const looked of [
      "[prod-long-term]",
      "[prod-mfa]",
      "[prod-default]",
      "[prod] itself: holds session keys",
    ]) {
      expect(r.stderr).toContain(looked);
    }
    expect(r.stderr).toContain("awsmfa configure prod");
  });
});

describe("failures before login has chosen its output still fail the eval", () => {
  test.each([
    [["prod", "--duration", "soon"], 2],
    [["login", "prod", "--no-such-flag"], 2],
    [["--bogus"], 2],
  ])("%p prints `false` on stdout", async (args, code) => {
    const { run } = world.user();
    const r = await run(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("false\n");
  });

  test("but not for commands whose output is not evaluated, nor --format json or powershell", async () => {
    const { run } = world.user();
    expect((await run(["whoami", "--no-such-flag"])).stdout).toBe("");
    expect((await run(["prod", "--format", "json", "--duration", "soon"])).stdout).toBe("");
    // `false` is no PowerShell command: the same as when login fails after choosing its output.
    const powershell = ["prod", "--format", "powershell"];
    expect((await run([...powershell, "--duration", "soon"])).stdout).toBe("");
    expect((await run([...powershell, "--otp", "000000", "--no-such-flag"])).stdout).toBe("");
  });

  test.each([
    "sso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer",
    "sso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = Dev",
  ])("an SSO profile: 'use aws sso login', exit 3, nothing asked or sent (%#)", async (keys) => {
    const login = world.user();
    login.sandbox.writeConfig(`${login.sandbox.readConfig()}\n[profile corp-dev]\n${keys}\n`);
    const before = world.aws.calls.length;
    const r = await login.run(["login", "corp-dev"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("SSO profiles are not what awsmfa does; use `aws sso login`");
    expect(r.stderr).toContain("aws sso login --profile corp-dev"); // safe: unquoted
    expect(r.stderr).not.toContain("No long-term access keys");
    expect(r.stdout).toBe("false\n");
    expect(world.aws.calls.length).toBe(before);
  });
});
