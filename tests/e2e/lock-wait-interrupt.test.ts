/**
 * A Ctrl-C (SIGINT) or SIGTERM while awsmfa waits for a lock another awsmfa holds, outside the
 * code prompt (issue 11): it must end the wait with exit 130, release what it holds and leave
 * no claim or temp file, not die by the signal with its locks left behind.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { formatLockRecord } from "../../src/fs/lock-record.ts";
import { lockHostName } from "../../src/fs/options.ts";
import { sessionCachePath } from "../../src/session/cache.ts";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/** A lock held by this test process: alive, on this host, so never broken as stale. */
function plantLiveLock(lockPath: string): string {
  let ns: string | undefined;
  try {
    ns = readlinkSync("/proc/self/ns/pid");
  } catch {}
  const text = formatLockRecord({
    pid: process.pid,
    host: lockHostName(hostname(), ns),
    time: Date.now(),
    token: "0123456789abcdef",
  });
  writeFileSync(lockPath, text, { mode: 0o600 });
  return text;
}

/** Starts awsmfa, waits until it is waiting, sends `signal`; its exit code and stderr. */
async function interruptWhileWaiting(
  args: string[],
  env: Record<string, string>,
  signal: NodeJS.Signals,
) {
  const child = Bun.spawn([await awsmfaBinary(), ...args], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  await Bun.sleep(1500); // past the AWS call, into the lock wait (10 s for credentials)
  const sent = Date.now();
  child.kill(signal);
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  return { code, stderr, signalCode: child.signalCode, tookMs: Date.now() - sent };
}

describe.skipIf(process.platform === "win32")("a signal while waiting for a lock", () => {
  test.each(["SIGINT", "SIGTERM"] as const)(
    "%s while waiting for credentials.lock: exit 130, nothing left, the file unchanged",
    async (signal) => {
      const { code, sandbox } = world.user();
      const aws = dirname(sandbox.credentialsPath);
      const before = readFileSync(sandbox.credentialsPath, "utf8");
      const planted = plantLiveLock(`${sandbox.credentialsPath}.lock`);
      const r = await interruptWhileWaiting(
        ["login", "prod", "--otp", code()],
        sandbox.env,
        signal,
      );
      expect(r.signalCode).toBeNull();
      expect(r.code).toBe(130);
      expect(r.tookMs).toBeLessThan(2000);
      expect(r.stderr).not.toContain("This is a bug");
      expect(readdirSync(aws).sort()).toEqual(["config", "credentials", "credentials.lock"]);
      expect(readFileSync(`${sandbox.credentialsPath}.lock`, "utf8")).toBe(planted);
      expect(readFileSync(sandbox.credentialsPath, "utf8")).toBe(before);
    },
  );

  test("SIGINT while waiting for the MFA lock: exit 130, no claim, no .failed marker left", async () => {
    const { code, sandbox, serial, user } = world.user();
    const cache = sessionCachePath(
      {
        env: sandbox.env,
        homedir: sandbox.home,
        platform: process.platform,
        fs: {} as never,
        uid: undefined,
        gid: undefined,
      },
      { longTermKeyId: user.accessKeyId, serial },
    );
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dirname(cache), { recursive: true, mode: 0o700 });
    plantLiveLock(`${cache}.lock`);
    const r = await interruptWhileWaiting(
      ["login", "prod", "--otp", code(), "--no-write"],
      sandbox.env,
      "SIGINT",
    );
    expect(r.signalCode).toBeNull();
    expect(r.code).toBe(130);
    expect(readdirSync(dirname(cache))).toEqual([`${cache.split("/").pop()}.lock`]);
  });
});
