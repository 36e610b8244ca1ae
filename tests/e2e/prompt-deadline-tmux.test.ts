/**
 * Every question at the terminal has a deadline. The MFA code's prompt held the MFA lock and
 * waited for ever (other callers gave up only at the lock's 5 minutes); it now gives up after
 * the code-source timeout, as the code dialog does: exit 8, a message saying what to do, the
 * lock released, the files as they were. Other questions (configure's) give up after
 * AWSMFA_QUESTION_TIMEOUT with exit 7. Short deadlines set the documented ways, in a real
 * terminal (tmux).
 */
import { afterEach, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { expectNextLoginAsksAtOnce } from "../support/login-again.ts";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let session: ShellSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

if (!tmuxAvailable())
  console.log("SKIPPED: tmux is not installed, so the deadline tests cannot run");

function files(user: LoginUser): string {
  return user.sandbox.readConfig() + user.sandbox.readCredentials();
}

function locks(user: LoginUser): string[] {
  const folder = join(user.sandbox.home, ".cache", "awsmfa", "sessions");
  try {
    return readdirSync(folder).filter((name) => name.endsWith(".lock"));
  } catch {
    return [];
  }
}

async function shellFor(user: LoginUser, env: Record<string, string> = {}) {
  return startShell("bash", {
    home: user.sandbox.home,
    env: { ...user.sandbox.env, ...env },
    width: 200,
    height: 40,
  });
}

describe.skipIf(!tmuxAvailable())("the code prompt's deadline", () => {
  test.each([
    ["AWSMFA_OTP_TIMEOUT=2s", { AWSMFA_OTP_TIMEOUT: "2s" }, ""],
    ["awsmfa_otp_timeout = 2 in the profile", {}, "awsmfa_otp_timeout = 2\n"],
  ])("%s: exit 8 after 2 s, what to do, lock released, files unchanged", async (_how, env, key) => {
    const user = world.user();
    user.sandbox.writeConfig(user.sandbox.readConfig() + key);
    const before = files(user);
    const binary = await awsmfaBinary();
    session = await shellFor(user, env);
    await session.start(`'${binary}' login prod --format sh >/dev/null; echo "rc=$?"`);
    await session.waitFor("MFA code for prod", 15_000);
    const asked = Date.now();
    // A second awsmfa waits for the first one's lock meanwhile, and is told the same.
    const waiter = user.run(["login", "prod", "--format", "sh"], { env, timeoutMs: 20_000 });
    const out = await session.waitFor(/rc=\d+/, 10_000);
    expect(Date.now() - asked).toBeGreaterThan(1_500);
    expect(out).toContain("rc=8");
    expect(out).toContain("The MFA code for prod was not typed within 2s");
    expect(out).toContain("allow more time with --otp-timeout 2m");
    await session.finish(5_000);
    const waited = await waiter;
    expect(waited.code).toBe(8);
    expect(waited.stdout).toBe("false\n");
    expect(locks(user)).toEqual([]);
    expect(files(user)).toBe(before);
    // The next run asks at once: nothing waits on a lock left behind.
    await expectNextLoginAsksAtOnce(session, binary, user);
  });
});

describe.skipIf(!tmuxAvailable())("other questions' deadline", () => {
  test("configure, AWSMFA_QUESTION_TIMEOUT=2s: exit 7 after 2 s, what to do, files unchanged", async () => {
    const user = world.user();
    const before = files(user);
    const binary = await awsmfaBinary();
    session = await shellFor(user, { AWSMFA_QUESTION_TIMEOUT: "2s" });
    await session.start(`'${binary}' configure dev; echo "rc=$?"`);
    await session.waitFor("AWS access key id", 15_000);
    const asked = Date.now();
    const out = await session.waitFor(/rc=\d+/, 10_000);
    expect(Date.now() - asked).toBeGreaterThan(1_500);
    expect(out).toContain("rc=7");
    expect(out).toContain("The question at the terminal was not answered within 2s");
    expect(out).toContain("AWSMFA_QUESTION_TIMEOUT=15m");
    expect(files(user)).toBe(before);
    expect(readFileSync(user.sandbox.configPath, "utf8")).not.toContain("dev");
  });
});
