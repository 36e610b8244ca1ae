/**
 * A SIGINT or SIGTERM while a fresh login writes its session ([PROFILE] in ~/.aws/credentials,
 * and the session cache): awsmfa said "Cancelled." and exited 130 while the write went on
 * without it, so its lock file (credentials.lock) and its temp file (.credentials.*.awsmfa-tmp,
 * the new session in it) stayed behind until the next login. Now the signal removes this
 * process's own temp files and releases the locks still its own before it exits; the file
 * stays exactly as it was (or, had the rename already happened, fully written).
 *
 * The write is held between its temp file and its rename by the test-only binary's fault hook
 * (pause-after-temp-write, tests/support/fault-hooks.ts), so the signal lands there every time.
 * The other two moments of a fresh login are covered as well: AWS holding its answer (the
 * fake's "hang" fault), and the code prompt on a terminal.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { signalExitCode } from "../../src/errors.ts";
import { parseLockRecord } from "../../src/fs/lock-record.ts";
import { awsmfaBinary, awsmfaFaultBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { scriptAvailable } from "../support/pty.ts";

const world = useLoginWorld();
if (!scriptAvailable())
  console.log("SKIPPING the code prompt tests: util-linux `script` is not installed");

/** Every name under `folder` (recursively) that a write or a lock may leave behind. */
function leftovers(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true }) as string[]).filter(
    (name) => name.endsWith(".awsmfa-tmp") || name.endsWith(".lock") || name.endsWith(".claim"),
  );
}

async function waitFor(what: string, found: () => boolean): Promise<void> {
  for (let waited = 0; waited < 15_000; waited += 25) {
    if (found()) return;
    await Bun.sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts a fresh login of [prod] (written into the credentials file); its files and child. */
async function startLogin(binary: string, env: Record<string, string>, code: string) {
  return Bun.spawn([binary, "login", "prod", "--otp", code], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
}

async function ended(child: ReturnType<typeof Bun.spawn>, sent: number) {
  const [code, stderr] = await Promise.all([
    child.exited,
    new Response(child.stderr as ReadableStream).text(),
  ]);
  return { code, stderr, signalCode: child.signalCode, tookMs: Date.now() - sent };
}

describe.skipIf(process.platform === "win32")("a signal during a fresh login's writes", () => {
  test.each(["SIGINT", "SIGTERM"] as const)(
    "%s between the temp file and the rename of the credentials file: exit 128 + its number, no temp file or lock left, the file byte-identical",
    async (signal) => {
      const { code, sandbox } = world.user();
      const aws = dirname(sandbox.credentialsPath);
      const cache = join(sandbox.home, ".cache", "awsmfa");
      const before = readFileSync(sandbox.credentialsPath);
      const child = await startLogin(
        await awsmfaFaultBinary(),
        { ...sandbox.env, AWSMFA_TEST_FAULT: "pause-after-temp-write:credentials" },
        code(),
      );
      await waitFor("the paused write", () =>
        readdirSync(aws).some((name) => name.endsWith(".awsmfa-tmp.paused")),
      );
      const sent = Date.now();
      child.kill(signal);
      const r = await ended(child, sent);
      expect(r.signalCode).toBeNull();
      expect(r.code).toBe(signalExitCode(signal));
      expect(r.stderr).toContain("Cancelled.");
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.tookMs).toBeLessThan(2000);
      // The hook's own marker is the test's, not awsmfa's: only it may remain.
      expect(leftovers(aws)).toEqual([]);
      expect(
        readdirSync(aws)
          .filter((n) => !n.endsWith(".paused"))
          .sort(),
      ).toEqual(["config", "credentials"]);
      expect(leftovers(cache)).toEqual([]);
      expect(readFileSync(sandbox.credentialsPath).equals(before)).toBe(true);
    },
  );

  test.each(["SIGINT", "SIGTERM"] as const)(
    "%s while AWS holds its answer: exit 128 + its number, nothing left, the file byte-identical",
    async (signal) => {
      const { code, sandbox } = world.user();
      const aws = dirname(sandbox.credentialsPath);
      const cache = join(sandbox.home, ".cache", "awsmfa");
      const before = readFileSync(sandbox.credentialsPath);
      world.aws.inject({ kind: "hang", action: "GetSessionToken" });
      const child = await startLogin(await awsmfaBinary(), sandbox.env, code());
      await waitFor("the MFA lock", () => leftovers(cache).some((n) => n.endsWith(".lock")));
      await Bun.sleep(200);
      const sent = Date.now();
      child.kill(signal);
      const r = await ended(child, sent);
      world.aws.clearFaults();
      expect(r.signalCode).toBeNull();
      expect(r.code).toBe(signalExitCode(signal));
      expect(r.tookMs).toBeLessThan(2000);
      expect(leftovers(aws)).toEqual([]);
      expect(leftovers(cache)).toEqual([]);
      expect(readFileSync(sandbox.credentialsPath).equals(before)).toBe(true);
    },
  );

  // The code prompt on a terminal (util-linux `script` gives one), the MFA lock held meanwhile:
  // the signal goes to awsmfa itself, found by the pid in its lock.
  test.skipIf(!scriptAvailable()).each(["SIGINT", "SIGTERM"] as const)(
    "%s at the code prompt: exit 128 + its number, the lock released, nothing left, the file byte-identical",
    async (signal) => {
      const { sandbox } = world.user();
      const aws = dirname(sandbox.credentialsPath);
      const cache = join(sandbox.home, ".cache", "awsmfa");
      const before = readFileSync(sandbox.credentialsPath);
      const command = `exec '${await awsmfaBinary()}' login prod`;
      const script = Bun.spawn(["script", "-q", "-e", "-c", command, "/dev/null"], {
        env: sandbox.env,
        stdin: "pipe", // left open: the prompt waits for a code that never comes
        stdout: "pipe",
        stderr: "pipe",
        timeout: 30_000,
      });
      let lockText = "";
      await waitFor("the MFA lock", () => {
        const lock = leftovers(cache).find((n) => n.endsWith(".lock"));
        lockText = lock ? readFileSync(join(cache, lock), "utf8") : "";
        return parseLockRecord(lockText) !== null;
      });
      const output = new Response(script.stdout).text();
      await Bun.sleep(300); // the question is out
      const pid = parseLockRecord(lockText)!.pid;
      const sent = Date.now();
      process.kill(pid, signal);
      const code = await script.exited;
      script.stdin.end();
      expect(Date.now() - sent).toBeLessThan(2000);
      expect(code).toBe(signalExitCode(signal));
      const shown = await output;
      expect(shown).toMatch(/code/i);
      expect(shown).toContain("Cancelled.");
      expect(leftovers(aws)).toEqual([]);
      expect(leftovers(cache)).toEqual([]);
      expect(readFileSync(sandbox.credentialsPath).equals(before)).toBe(true);
    },
  );
});

// Writes that hold no MFA or role lock (logout; a login from the cache that puts the session
// back into [PROFILE]): nothing else listened for the signal there, so it killed awsmfa by
// default, its credentials.lock and its temp file left behind until the next write. The write
// guard (fs/exit-cleanup.ts) now removes them, then exits as the signal would: 128 + its number.
describe.skipIf(process.platform === "win32")("a signal during a write with no MFA lock", () => {
  /** Runs `args` with the fault binary held between the temp file and the rename; signals it. */
  async function interruptedWrite(
    sandbox: { env: Record<string, string>; credentialsPath: string },
    args: string[],
    signal: "SIGINT" | "SIGTERM" | "SIGHUP",
  ) {
    const { env } = sandbox;
    const aws = dirname(sandbox.credentialsPath);
    const child = Bun.spawn([await awsmfaFaultBinary(), ...args], {
      env: { ...env, AWSMFA_TEST_FAULT: "pause-after-temp-write:credentials" },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    await waitFor("the paused write", () =>
      readdirSync(aws).some((name) => name.endsWith(".awsmfa-tmp.paused")),
    );
    // Held there: the temp file and the lock are on disk.
    expect(leftovers(aws).sort()).toEqual([
      expect.stringMatching(/^\.credentials\..*\.awsmfa-tmp$/),
      "credentials.lock",
    ]);
    const sent = Date.now();
    child.kill(signal);
    return { aws, ...(await ended(child, sent)) };
  }

  test.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
    "%s while logout writes: exit 128 + its number, no temp file or lock left, the file byte-identical",
    async (signal) => {
      const user = world.user();
      expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
      const before = readFileSync(user.sandbox.credentialsPath);
      expect(before.toString()).toContain("aws_session_token");
      const r = await interruptedWrite(user.sandbox, ["logout", "prod"], signal);
      expect({ signalCode: r.signalCode, code: r.code }).toEqual({
        signalCode: null,
        code: signalExitCode(signal),
      });
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.tookMs).toBeLessThan(2000);
      expect(leftovers(r.aws)).toEqual([]);
      expect(readFileSync(user.sandbox.credentialsPath).equals(before)).toBe(true);
    },
  );

  test("SIGTERM while a login from the cache writes [PROFILE] back: exit 143, nothing left", async () => {
    const user = world.user();
    expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
    // [prod] loses its session (edited by hand); the cached session is written back into it.
    const cleared = user.sandbox
      .readCredentials()
      .replace(/\[prod\]\n(?:.*\n)*?(?=\[|$)/, "[prod]\n");
    user.sandbox.writeCredentials(cleared);
    const before = readFileSync(user.sandbox.credentialsPath);
    const r = await interruptedWrite(user.sandbox, ["login", "prod"], "SIGTERM");
    expect({ signalCode: r.signalCode, code: r.code }).toEqual({ signalCode: null, code: 143 });
    expect(leftovers(r.aws)).toEqual([]);
    expect(leftovers(join(user.sandbox.home, ".cache", "awsmfa"))).toEqual([]);
    expect(readFileSync(user.sandbox.credentialsPath).equals(before)).toBe(true);
  });
});
