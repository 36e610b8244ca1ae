/**
 * The Windows .exe under Wine against the fake AWS: what matters on Windows (paths under
 * %USERPROFILE% and %LOCALAPPDATA%, CRLF files, cmd.exe, file sharing, parallel callers).
 * Run by .ci/stages/30-windows.sh; skips loudly without AWSMFA_WINDOWS_EXE (see support/wine.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeAws, type FakeUser, startFakeAws } from "../support/fake-aws.ts";
import {
  awsmfaExe,
  exe,
  holdExe,
  linuxAppData,
  linuxAws,
  linuxHome,
  resetHome,
  startWine,
  stopWine,
  wine,
  winHome,
} from "./support/wine.ts";

let aws: FakeAws;
beforeAll(async () => {
  if (!exe) return;
  startWine();
  aws = await startFakeAws();
});
afterAll(async () => {
  await aws?.stop();
  if (exe) stopWine();
});
beforeEach(() => {
  if (exe) resetHome();
});

interface World {
  user: FakeUser;
  serial: string;
  code(): string;
  run: typeof awsmfaExe;
  credentials(): string;
}

/** A fresh user with [prod-long-term] keys and [profile prod], written with CRLF. */
function world(extraConfig: string[] = [], profile = "prod"): World {
  const user = aws.addUser({});
  const serial = user.devices[0]!.serial;
  writeFileSync(
    join(linuxAws, "credentials"),
    `# my keys\r\n[${profile}-long-term]\r\naws_access_key_id = ${user.accessKeyId}\r\naws_secret_access_key = ${user.secretAccessKey}\r\n`,
  );
  writeFileSync(
    join(linuxAws, "config"),
    [
      `[profile ${profile}]`,
      `mfa_serial = ${serial}`,
      "region = eu-west-1",
      ...extraConfig,
      "",
    ].join("\r\n"),
  );
  return {
    user,
    serial,
    code: () => aws.code(serial),
    run: (args, options = {}) =>
      awsmfaExe(args, { ...options, env: { AWS_ENDPOINT_URL: aws.url, ...(options.env ?? {}) } }),
    credentials: () => readFileSync(join(linuxAws, "credentials"), "utf8"),
  };
}

const sessionCalls = () => aws.calls.filter((call) => call.action === "GetSessionToken").length;

describe.skipIf(!exe)("awsmfa.exe under Wine", () => {
  test("whoami with the long-term keys", async () => {
    const w = world();
    const result = await w.run(["whoami", "--profile", "prod-long-term"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(w.user.arn);
  });

  test("login --otp --format powershell: the session in %USERPROFILE%\\.aws\\credentials with CRLF kept, the cache in %LOCALAPPDATA%", async () => {
    const w = world();
    const result = await w.run(["prod", "--otp", w.code(), "--format", "powershell"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\$env:AWS_ACCESS_KEY_ID = 'ASIA[A-Z0-9]+'\r?\n/);
    expect(result.stdout).toContain("$env:AWS_PROFILE = 'prod'");
    const text = w.credentials();
    expect(
      text.startsWith(
        `# my keys\r\n[prod-long-term]\r\naws_access_key_id = ${w.user.accessKeyId}\r\n`,
      ),
    ).toBe(true);
    expect(text).toMatch(/\r\n\[prod\]\r\naws_access_key_id = ASIA/);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(readdirSync(join(linuxAppData, "sessions")).some((f) => f.endsWith(".json"))).toBe(true);
    // The messages name the Windows paths.
    expect(result.stderr).toContain(`Saved the session in [prod] of ${winHome}\\.aws\\credentials`);
  });

  test("a second login reuses the session (no AWS call); --format json", async () => {
    const w = world();
    expect((await w.run(["prod", "--otp", w.code(), "--format", "json"])).code).toBe(0);
    const before = sessionCalls();
    const again = await w.run(["prod", "--format", "json"]);
    expect(again.code).toBe(0);
    expect(sessionCalls()).toBe(before);
    const json = JSON.parse(again.stdout) as { Version: number; AccessKeyId: string };
    expect(json.Version).toBe(1);
    expect(json.AccessKeyId).toMatch(/^ASIA/);
  });

  test("--format cmd lines set the variables in cmd.exe, and unset clears them", async () => {
    const w = world([], "p%OS%&^x");
    const login = await w.run(["p%OS%&^x", "--otp", w.code(), "--format", "cmd"]);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('@set "AWS_PROFILE=p%%OS%%&^x"\n');
    const unset = await w.run(["unset", "--format", "cmd"]);
    expect(unset.code).toBe(0);
    writeFileSync(join(linuxHome, "login.cmd"), login.stdout);
    writeFileSync(join(linuxHome, "unset.cmd"), unset.stdout);
    // Expansion happens per line, so the checks run from a batch file after each call.
    writeFileSync(
      join(linuxHome, "check.cmd"),
      [
        "@echo off",
        "call login.cmd",
        "set AWS_",
        "echo ---",
        "call unset.cmd",
        "set AWS_",
        "",
      ].join("\r\n"),
    );
    const shown = await wine(["cmd", "/c", `cd /d ${winHome} && check.cmd`]);
    const [afterLogin = "", afterUnset = ""] = shown.stdout.split("---");
    const vars = Object.fromEntries(
      afterLogin
        .split(/\r?\n/)
        .filter((line) => line.startsWith("AWS_"))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(vars.AWS_PROFILE).toBe("p%OS%&^x");
    expect(vars.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(vars.AWS_SESSION_TOKEN?.length).toBeGreaterThan(20);
    expect(vars.AWS_REGION).toBe("eu-west-1");
    expect(afterUnset).not.toContain("AWS_PROFILE=");
    expect(afterUnset).not.toContain("AWS_ACCESS_KEY_ID=");
  });

  test("--format cmd refuses a profile name cmd cannot hold (exit 2) before asking for a code", async () => {
    const w = world([], 'a"b');
    const result = await w.run(['a"b', "--otp", w.code(), "--format", "cmd"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cmd.exe cannot safely hold the value of AWS_PROFILE");
    expect(aws.calls.some((c) => c.accessKeyId === w.user.accessKeyId)).toBe(false);
  });

  test("--otp - reads the code from stdin; list and status see the session; logout removes it", async () => {
    const w = world();
    const login = await w.run(["prod", "--otp", "-", "--format", "json"], {
      stdin: `${w.code()}\r\n`,
    });
    expect(login.code).toBe(0);
    const list = await w.run(["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("prod");
    const status = await w.run(["status", "--profile", "prod"]);
    expect(status.code).toBe(0);
    const logout = await w.run(["logout", "prod", "--format", "cmd"]);
    expect(logout.code).toBe(0);
    expect(w.credentials()).not.toContain("[prod]\r\naws_");
    expect(w.credentials()).toContain("\r\n[prod-long-term]\r\n");
    expect((await w.run(["status", "--profile", "prod"])).code).toBe(6);
  });

  test("a wrong code exits 4 and leaves the credentials file as it was", async () => {
    const w = world();
    const before = w.credentials();
    const wrong = w.code() === "000000" ? "111111" : "000000";
    const result = await w.run(["prod", "--otp", wrong, "--format", "json"]);
    expect(result.code).toBe(4);
    expect(w.credentials()).toBe(before);
  });

  test("a command code source through cmd /c; credential-process with 4 parallel callers makes 1 GetSessionToken", async () => {
    const w = world([
      "awsmfa_otp_source = command",
      `awsmfa_otp_command = cmd /c type "${winHome}\\code.txt"`,
    ]);
    writeFileSync(join(linuxHome, "code.txt"), `${w.code()}\r\n`);
    const before = sessionCalls();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => w.run(["credential-process", "prod"])),
    );
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).AccessKeyId).toMatch(/^ASIA/);
    }
    expect(sessionCalls() - before).toBe(1);
  });

  test("exec runs cmd /c with the session in its environment", async () => {
    const w = world();
    const result = await w.run([
      "exec",
      "prod",
      "--otp",
      w.code(),
      "--",
      "cmd",
      "/c",
      "echo [%AWS_PROFILE%] %AWS_ACCESS_KEY_ID%",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[prod\] ASIA[A-Z0-9]+/);
  });

  test("exec: a command no folder of Path holds is refused before a code is asked for (127)", async () => {
    const w = world();
    const result = await w.run(["exec", "prod", "--", "awsmfa-no-such-command", "/c"]);
    expect(result.stderr).toContain('Cannot run "awsmfa-no-such-command": no such command.');
    expect(result.code).toBe(127);
    expect(aws.calls.some((c) => c.accessKeyId === w.user.accessKeyId)).toBe(false);
    // cmd, found with PATHEXT (cmd.exe), is not refused: the test above runs it.
  });

  test("the lock: 3 parallel logins into one credentials file keep all three sessions", async () => {
    const users = [aws.addUser({}), aws.addUser({}), aws.addUser({})];
    writeFileSync(
      join(linuxAws, "credentials"),
      users
        .map(
          (u, i) =>
            `[p${i}-long-term]\r\naws_access_key_id = ${u.accessKeyId}\r\naws_secret_access_key = ${u.secretAccessKey}\r\n`,
        )
        .join(""),
    );
    writeFileSync(
      join(linuxAws, "config"),
      users.map((u, i) => `[profile p${i}]\r\nmfa_serial = ${u.devices[0]!.serial}\r\n`).join(""),
    );
    const results = await Promise.all(
      users.map((u, i) =>
        awsmfaExe([`p${i}`, "--otp", aws.code(u.devices[0]!.serial), "--format", "json"], {
          env: { AWS_ENDPOINT_URL: aws.url },
        }),
      ),
    );
    for (const result of results) expect(result.code).toBe(0);
    const text = readFileSync(join(linuxAws, "credentials"), "utf8");
    for (const i of [0, 1, 2]) expect(text).toContain(`\r\n[p${i}]\r\naws_access_key_id = ASIA`);
  });

  for (const mode of ["none", "read"] as const) {
    test(`a credentials file held open by another program (sharing: ${mode}): retried, then "in use by another program", exit 3, file unchanged`, async () => {
      const w = world();
      const before = w.credentials();
      const hold = Bun.spawn(
        [
          "wine",
          holdExe,
          `${winHome}\\.aws\\credentials`,
          "20",
          ...(mode === "read" ? ["read"] : []),
        ],
        {
          env: {
            PATH: process.env.PATH ?? "",
            WINEPREFIX: process.env.AWSMFA_WINEPREFIX ?? "",
            WINEDEBUG: "-all",
          },
          stdout: "pipe",
          stderr: "ignore",
        },
      );
      const reader = hold.stdout.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain("held");
      const started = Date.now();
      const result = await w.run(["prod", "--otp", w.code(), "--format", "json"]);
      hold.kill();
      await hold.exited;
      // The whole result on failure: a wrong exit code is only explained by what awsmfa said.
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({
        code: 3,
        stderr: expect.stringContaining("is in use by another program"),
      });
      expect(result.stderr).not.toContain("ls -ld");
      expect(Date.now() - started).toBeGreaterThan(1000); // it retried first
      expect(w.credentials()).toBe(before);
    });
  }

  test("doctor runs and reports on the Windows paths", async () => {
    const w = world();
    const result = await w.run(["doctor"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("File permissions are not checked on Windows");
    expect(result.stdout).toContain(`prod: device ${w.serial}, long-term keys in [prod-long-term]`);
  });
});
