/**
 * awsmfa logout [PROFILE | --all]: the session keys and `expiration` leave the profile's
 * section (which stays, with its other keys and comments), the cached session goes, and the
 * shell's variables are unset when they were that session.
 */
import { describe, expect, test } from "bun:test";
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
import { join } from "node:path";
import { evalInBash, type LoginUser, useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

function cachedSessions(user: LoginUser): string[] {
  const dir = join(user.sandbox.home, ".cache", "awsmfa", "sessions");
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Logs in and returns the shell variables it set. */
async function loggedIn(user: LoginUser): Promise<Record<string, string>> {
  const r = await user.run(["prod", "--otp", user.code()]);
  expect(r.code).toBe(0);
  const vars = await evalInBash(r.stdout, user.sandbox.env);
  return Object.fromEntries(Object.entries(vars).filter(([name]) => /^AWS|^AWSMFA_/.test(name)));
}

describe("logout", () => {
  test("removes the session lines, keeps the section, its other keys and comments", async () => {
    const user = world.user();
    const before = `${user.sandbox.readCredentials()}\r\n# the session side\r\n[prod]\r\nregion = eu-west-1\r\n; set by hand\r\nmfa_serial = ${user.serial}\r\n`;
    user.sandbox.writeCredentials(before);
    const shell = await loggedIn(user);
    expect(user.sandbox.readCredentials()).toContain("aws_session_token");
    expect(cachedSessions(user)).toHaveLength(1);
    const r = await user.run(["logout", "prod"], { env: shell });
    expect(r.code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(before);
    expect(cachedSessions(user)).toHaveLength(0);
    expect(r.stderr).toContain(
      `Removed the session of prod from [prod] in ${user.sandbox.credentialsPath}`,
    );
    expect(r.stderr).toContain("Deleted the cached session of prod");
    // The shell held that session: stdout unsets it.
    const after = await evalInBash(r.stdout, { ...user.sandbox.env, ...shell });
    expect(after.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(after.AWS_SESSION_TOKEN).toBeUndefined();
    expect(after.AWSMFA_EXPIRES).toBeUndefined();
    // Logged out, a login needs a code again.
    expect((await user.run(["prod"])).code).toBe(7);
  });

  test("a symlinked credentials file (dotfile managers): the target is edited, the link stays", async () => {
    const user = world.user();
    const target = user.sandbox.file("dotfiles/aws/credentials", user.sandbox.readCredentials());
    rmSync(user.sandbox.credentialsPath);
    symlinkSync("../dotfiles/aws/credentials", user.sandbox.credentialsPath);
    const { chmodSync } = await import("node:fs");
    chmodSync(target, 0o640);
    const before = readFileSync(target, "utf8");
    const shell = await loggedIn(user);
    expect(readFileSync(target, "utf8")).toContain("aws_session_token");
    const r = await user.run(["logout", "prod"], { env: shell });
    expect(r.code).toBe(0);
    expect(lstatSync(user.sandbox.credentialsPath).isSymbolicLink()).toBe(true);
    expect(readlinkSync(user.sandbox.credentialsPath)).toBe("../dotfiles/aws/credentials");
    // login added the section; logout leaves it, empty, in the target.
    expect(readFileSync(target, "utf8")).toBe(`${before}\n[prod]\n`);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(user.sandbox.home, "dotfiles", "aws"))).toEqual(["credentials"]);
  });

  test("without a profile: the shell's AWS_PROFILE", async () => {
    const user = world.user();
    const before = user.sandbox.readCredentials();
    const shell = await loggedIn(user);
    const r = await user.run(["logout"], { env: shell });
    expect(r.code).toBe(0);
    // login added the section; logout leaves it, empty.
    expect(user.sandbox.readCredentials()).toBe(`${before}\n[prod]\n`);
    expect(r.stdout).toContain("unset -v AWS_SESSION_TOKEN");
  });

  test("another profile's logout leaves this shell's variables alone", async () => {
    const user = world.user();
    const shell = await loggedIn(user);
    user.sandbox.writeConfig(`${user.sandbox.readConfig()}[profile other]\nregion = us-east-1\n`);
    const r = await user.run(["logout", "other"], { env: shell });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("other had no session to remove.");
    expect(user.sandbox.readCredentials()).toContain("aws_session_token");
  });

  test("long-term keys are never removed", async () => {
    const user = world.user();
    const keys = `[solo]\naws_access_key_id = ${user.user.accessKeyId}\naws_secret_access_key = ${user.user.secretAccessKey}\n`;
    user.sandbox.writeCredentials(keys);
    user.sandbox.writeConfig(`[profile solo]\nmfa_serial = ${user.serial}\n`);
    expect((await user.run(["solo", "--otp", user.code()])).code).toBe(0);
    const r = await user.run(["logout", "solo"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "[solo] holds long-term keys, not a session; left them as they are.",
    );
    expect(r.stderr).toContain("Deleted the cached session of solo");
    expect(user.sandbox.readCredentials()).toBe(keys);
  });

  test("--all: every session section and the whole cache; fish syntax with --format", async () => {
    const user = world.user();
    await loggedIn(user);
    const text = `${user.sandbox.readCredentials()}\n[pasted]\naws_access_key_id = ASIAPASTEDPASTED0001\naws_secret_access_key = x\naws_session_token = y\n`;
    user.sandbox.writeCredentials(text);
    const r = await user.run(["logout", "--all", "--format", "fish"], {
      env: { AWS_ACCESS_KEY_ID: "ASIAX", AWS_SESSION_TOKEN: "t", AWSMFA_EXPIRES: "1" },
    });
    expect(r.code).toBe(0);
    const file = user.sandbox.readCredentials();
    expect(file).not.toContain("aws_session_token");
    expect(file).toContain("[prod-long-term]");
    expect(file).toContain("[pasted]\n");
    expect(cachedSessions(user)).toHaveLength(0);
    expect(r.stdout).toContain("set -e -g AWS_SESSION_TOKEN");
  });

  test("nothing to do is fine; a missing profile and a bad combination are errors", async () => {
    const user = world.user();
    const nothing = await user.run(["logout", "--all"]);
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain("There were no sessions to remove.");
    expect(existsSync(join(user.sandbox.home, ".aws", "credentials"))).toBe(true);
    const missing = await user.run(["logout", "nope"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('There is no profile named "nope"');
    const both = await user.run(["logout", "prod", "--all"]);
    expect(both.code).toBe(2);
  });

  test("a missing credentials file stays missing", async () => {
    const user = world.user();
    const { rmSync } = await import("node:fs");
    rmSync(user.sandbox.credentialsPath);
    user.sandbox.writeConfig(`[profile prod]\nmfa_serial = ${user.serial}\n`);
    const r = await user.run(["logout", "prod"]);
    expect(r.code).toBe(0);
    expect(existsSync(user.sandbox.credentialsPath)).toBe(false);
  });
});
