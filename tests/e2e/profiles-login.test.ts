/**
 * Login into a session profile writes the session into [PROFILE] of ~/.aws/credentials:
 * golden files (comments, CRLF, odd spacing, many sections), the layouts people have, reuse
 * of a session already in the file, --no-write / awsmfa_write, the refusal to overwrite
 * long-term keys, symbolic links, and a crash mid-write.
 */
import { describe, expect, test } from "bun:test";
import { lstatSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";
import { fixture, sessionFromStdout, sessionValues, userValues } from "../support/profile-files.ts";
import { runInPty, scriptAvailable } from "../support/pty.ts";

const world = useLoginWorld();

function callsBy(accessKeyId: string, action?: string) {
  return world.aws.calls.filter(
    (c) => c.accessKeyId === accessKeyId && (action === undefined || c.action === action),
  );
}

describe("golden files: the login changes only the session lines of [prod]", () => {
  test.each([
    ["many-sections.crlf", "a CRLF file with comments and many sections; [prod] gets new keys"],
    ["stale-session", "an expired session with odd spacing, `:` and a continuation line"],
  ])("%s: %s", async (name) => {
    const user = world.user();
    const values = userValues(user);
    user.sandbox.writeCredentials(fixture(`${name}.before.ini`, values));
    const config = user.sandbox.readConfig();
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Saved the session in [prod] of ${user.sandbox.credentialsPath}`);
    const session = await sessionFromStdout(r.stdout, user.sandbox.env);
    expect(session.accessKeyId).toMatch(/^ASIA/);
    expect(session.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const expected = fixture(`${name}.after.ini`, { ...values, ...sessionValues(session) });
    expect(user.sandbox.readCredentials()).toBe(expected);
    expect(user.sandbox.readConfig()).toBe(config);
  });

  test("the file keeps its mode (0640 stays 0640); a new file is 0600", async () => {
    const user = world.user();
    const { chmodSync } = await import("node:fs");
    chmodSync(user.sandbox.credentialsPath, 0o640);
    expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
    expect(statSync(user.sandbox.credentialsPath).mode & 0o777).toBe(0o640);
    expect(user.sandbox.readCredentials()).toContain("[prod]\naws_access_key_id = ASIA");
  });

  test("a credentials file that does not exist yet is created 0600 in a new 0700 folder", async () => {
    // The long-term keys can live in the config file too; the session file is new.
    const user = world.user();
    const keys = user.sandbox
      .readCredentials()
      .replace("[prod-long-term]", "[profile prod-long-term]");
    user.sandbox.writeConfig(`${user.sandbox.readConfig()}${keys}`);
    const folder = join(user.sandbox.home, "new-folder");
    const path = join(folder, "credentials");
    const r = await user.run(["prod", "--otp", user.code()], {
      env: { AWS_SHARED_CREDENTIALS_FILE: path },
    });
    expect(r.code).toBe(0);
    const session = await sessionFromStdout(r.stdout, user.sandbox.env);
    expect(readFileSync(path, "utf8")).toBe(fixture("new-file.after.ini", sessionValues(session)));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });
});

describe("the layouts people have today", () => {
  test("aws-mfa: keys and aws_mfa_device in [prod-long-term]; aws_security_token refreshed too", async () => {
    const user = world.user({ serial: false });
    const values = userValues(user);
    user.sandbox.writeCredentials(fixture("aws-mfa.before.ini", values));
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.code).toBe(0);
    const session = await sessionFromStdout(r.stdout, user.sandbox.env);
    expect(user.sandbox.readCredentials()).toBe(
      fixture("aws-mfa.after.ini", { ...values, ...sessionValues(session) }),
    );
    expect(callsBy(user.user.accessKeyId, "ListMFADevices")).toHaveLength(0);
  });

  test("[prod-default] with aws_arn_mfa in [prod]", async () => {
    const user = world.user({ serial: false });
    const values = userValues(user);
    user.sandbox.writeCredentials(fixture("prod-default.before.ini", values));
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.code).toBe(0);
    const session = await sessionFromStdout(r.stdout, user.sandbox.env);
    expect(user.sandbox.readCredentials()).toBe(
      fixture("prod-default.after.ini", { ...values, ...sessionValues(session) }),
    );
    expect(callsBy(user.user.accessKeyId, "ListMFADevices")).toHaveLength(0);
  });

  test("[prod-mfa] with the device on the command line (--serial); config untouched", async () => {
    const user = world.user({ serial: false });
    const values = userValues(user);
    user.sandbox.writeCredentials(fixture("prod-mfa.before.ini", values));
    user.sandbox.writeConfig("[profile prod]\nregion = eu-west-1\n");
    const r = await user.run(["prod", "--serial", user.serial, "--otp", user.code()]);
    expect(r.code).toBe(0);
    const session = await sessionFromStdout(r.stdout, user.sandbox.env);
    expect(user.sandbox.readCredentials()).toBe(
      fixture("prod-mfa.after.ini", { ...values, ...sessionValues(session) }),
    );
    expect(user.sandbox.readConfig()).toBe("[profile prod]\nregion = eu-west-1\n");
    // The next login needs no code and no --serial: the session in [prod] is reused.
    const again = await user.run(["prod"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Reusing session for prod");
    expect((await sessionFromStdout(again.stdout, user.sandbox.env)).sessionToken).toBe(
      session.sessionToken,
    );
  });
});

describe("a session already in the file", () => {
  test("is reused like a cached one: no code, no call, same keys", async () => {
    const user = world.user();
    const first = await user.run(["prod", "--otp", user.code()]);
    expect(first.code).toBe(0);
    rmSync(join(user.sandbox.home, ".cache"), { recursive: true, force: true });
    const calls = callsBy(user.user.accessKeyId).length;
    const file = user.sandbox.readCredentials();
    const second = await user.run(["prod"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^Reusing session for prod, valid for 12h00m/);
    expect(second.stdout).toBe(first.stdout);
    expect(callsBy(user.user.accessKeyId)).toHaveLength(calls);
    expect(user.sandbox.readCredentials()).toBe(file);
  });

  test("reusing it never loads the AWS SDK", async () => {
    const user = world.user();
    expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
    rmSync(join(user.sandbox.home, ".cache"), { recursive: true, force: true });
    const root = join(import.meta.dir, "..", "..");
    const child = Bun.spawn(
      [
        process.execPath,
        "--preload",
        join(root, "tests/support/forbid-aws-sdk.ts"),
        join(root, "src/main.ts"),
        "prod",
      ],
      { env: user.sandbox.env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
    );
    const [status, err] = await Promise.all([child.exited, new Response(child.stderr).text()]);
    expect(err).toContain("Reusing session for prod");
    expect(status).toBe(0);
  });

  test("in aws-mfa's `expiration = YYYY-MM-DD HH:MM:SS` (UTC) form, read as UTC", async () => {
    const user = world.user();
    const soon = new Date(Date.now() + 60 * 60 * 1000);
    const stamp = soon.toISOString().slice(0, 19).replace("T", " ");
    user.sandbox.writeCredentials(
      `${user.sandbox.readCredentials()}\n[prod]\naws_access_key_id = ASIAHANDWRITTEN00001\naws_secret_access_key = s\naws_session_token = t\nexpiration = ${stamp}\n`,
    );
    // TZ far from UTC: read as local time, the session would look 10 h off.
    const r = await user.run(["prod"], { env: { TZ: "Pacific/Kiritimati" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/valid for (59m|1h00m)/);
    expect(r.stdout).toContain("ASIAHANDWRITTEN00001");
  });

  test("an expired one, or one with too little left, is not reused", async () => {
    const user = world.user();
    user.sandbox.writeCredentials(
      `${user.sandbox.readCredentials()}\n[prod]\naws_access_key_id = ASIAEXPIRED000000001\naws_secret_access_key = s\naws_session_token = t\nexpiration = 2020-01-01T00:00:00Z\n`,
    );
    const expired = await user.run(["prod"]);
    expect(expired.code).toBe(7); // a new session is needed, and there is no terminal
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.code).toBe(0);
    expect(user.sandbox.readCredentials()).not.toContain("ASIAEXPIRED");
    const short = await user.run(["prod", "--min-remaining", "13h"]);
    expect(short.code).toBe(7);
  });
});

describe("when nothing is written", () => {
  test("--no-write leaves the file byte for byte", async () => {
    const user = world.user();
    const before = user.sandbox.readCredentials();
    const r = await user.run(["prod", "--otp", user.code(), "--no-write"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("AWS_SESSION_TOKEN");
    expect(user.sandbox.readCredentials()).toBe(before);
  });

  test.each(["false", "no", "off", "0", "FALSE"])("awsmfa_write = %s", async (value) => {
    const user = world.user();
    user.sandbox.writeConfig(
      `[profile prod]\nmfa_serial = ${user.serial}\nawsmfa_write = ${value}\n`,
    );
    const before = user.sandbox.readCredentials();
    expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(before);
  });

  test("awsmfa_write = maybe is an error before any code is asked for", async () => {
    const user = world.user();
    user.sandbox.writeConfig(`[profile prod]\nmfa_serial = ${user.serial}\nawsmfa_write = maybe\n`);
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('awsmfa_write in profile prod is "maybe"');
    expect(callsBy(user.user.accessKeyId)).toHaveLength(0);
  });

  test("a profile that holds its own long-term keys is not a session profile", async () => {
    const user = world.user();
    const keys = `[solo]\naws_access_key_id = ${user.user.accessKeyId}\naws_secret_access_key = ${user.user.secretAccessKey}\n`;
    user.sandbox.writeCredentials(keys);
    user.sandbox.writeConfig(`[profile solo]\nmfa_serial = ${user.serial}\n`);
    const r = await user.run(["solo", "--otp", user.code()]);
    expect(r.code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(keys);
  });
});

describe("long-term keys are never overwritten", () => {
  test("[prod] with long-term keys next to [prod-long-term]: exit 3, no code spent, file intact", async () => {
    const user = world.user();
    const text = `${user.sandbox.readCredentials()}\n# mine\n[prod]\naws_access_key_id = AKIAOTHERLONGTERM001\naws_secret_access_key = keep-me\n`;
    user.sandbox.writeCredentials(text);
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("false\n");
    expect(r.stderr).toContain("[prod] in");
    expect(r.stderr).toContain("holds long-term keys (AKIA****M001)");
    expect(r.stderr).toContain("awsmfa configure prod");
    expect(r.stderr).not.toContain("keep-me");
    expect(callsBy(user.user.accessKeyId)).toHaveLength(0);
    expect(user.sandbox.readCredentials()).toBe(text);
    // --no-write logs in without touching them.
    const noWrite = await user.run(["prod", "--otp", user.code(), "--no-write"]);
    expect(noWrite.code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(text);
  });
});

describe("the file itself", () => {
  test("a symlinked credentials file (dotfile managers) is written through; the link stays", async () => {
    const user = world.user();
    const target = user.sandbox.file("dotfiles/aws/credentials", user.sandbox.readCredentials());
    rmSync(user.sandbox.credentialsPath);
    symlinkSync("../dotfiles/aws/credentials", user.sandbox.credentialsPath);
    const r = await user.run(["prod", "--otp", user.code()]);
    expect(r.code).toBe(0);
    expect(lstatSync(user.sandbox.credentialsPath).isSymbolicLink()).toBe(true);
    expect(readlinkSync(user.sandbox.credentialsPath)).toBe("../dotfiles/aws/credentials");
    expect(readFileSync(target, "utf8")).toContain("[prod]\naws_access_key_id = ASIA");
  });

  test("killed after the temp file is written, before the rename: the file is intact", async () => {
    const user = world.user();
    const before = user.sandbox.readCredentials();
    // The crash hits the credentials file, after the session cache was written.
    const r = await user.run(["prod", "--otp", user.code()], {
      env: { AWSMFA_TEST_FAULT: "exit-after-temp-write:credentials" },
    });
    expect(r.code).toBe(99);
    expect(user.sandbox.readCredentials()).toBe(before);
    // The next login (the session comes from the cache) cleans up and writes.
    const next = await user.run(["prod"]);
    expect(next.code).toBe(0);
    expect(user.sandbox.readCredentials()).toContain("[prod]\naws_access_key_id = ASIA");
    const { readdirSync } = await import("node:fs");
    const left = readdirSync(join(user.sandbox.home, ".aws")).filter((n) => n !== "config");
    expect(left).toEqual(["credentials"]);
  });
});

describe.skipIf(!scriptAvailable())("direct mode", () => {
  test("the written profile is the result: `prod is ready`, no lines to copy", async () => {
    const user = world.user();
    const r = await runInPty(["prod", "--otp", user.code()], {
      ...user.sandbox.env,
      SHELL: "/bin/bash",
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain("prod is ready: aws --profile prod ...");
    expect(r.output).not.toContain("Copy and paste");
    expect(r.output).not.toContain("AWS_SECRET_ACCESS_KEY");
    expect(user.sandbox.readCredentials()).toContain("[prod]");
  });
});
if (!scriptAvailable()) console.log("skipped the direct-mode test: `script` is not installed");
