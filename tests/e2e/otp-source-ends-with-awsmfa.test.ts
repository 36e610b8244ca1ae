/**
 * A code source's program ends with awsmfa. An IDE that stops its credential_process
 * (SIGTERM), a closed terminal (SIGHUP) or `kill -INT` used to end awsmfa alone: the code
 * dialog stayed on the desktop for its whole timeout asking for a code nobody would read, and a
 * code command (a password manager, ykman waiting for a touch) ran on.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { useXvfb, waitForNoWindow, waitForWindow } from "../support/xvfb.ts";

const world = useLoginWorld();
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => existsSync(path));
const xvfb = useXvfb("the dialog case");
const missing = xvfb.missing;

/** Whether the process ended (a zombie waiting for its reaper counts as ended). */
function ended(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return true;
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return true;
  }
}

async function endsWithin(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ended(pid)) return true;
    await Bun.sleep(50);
  }
  return ended(pid);
}

async function credentialProcess(env: Record<string, string>, args: string[] = []) {
  return Bun.spawn([SETSID!, await awsmfaBinary(), "credential-process", "prod", ...args], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
}

describe.skipIf(!SETSID || process.platform !== "linux")("a code source ends with awsmfa", () => {
  // The code is asked for under the MFA lock: a signal there releases the lock and is a
  // cancel, exit 128 + its number, as docs/exit-codes.md says (lock-wait-interrupt.test.ts).
  test.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
    ["SIGINT", 130],
  ] as const)("%s: the code command is ended too; exit %d", async (signal, status) => {
    const login = world.user();
    const pidFile = join(login.sandbox.home, "code-command.pid");
    const command = login.sandbox.file(
      "slow-code.sh",
      `#!/bin/sh\necho $$ >'${pidFile}'\nexec sleep 30\n`,
      0o700,
    );
    const child = await credentialProcess(login.sandbox.env, ["--otp-command", command]);
    const until = Date.now() + 10_000;
    while (!existsSync(pidFile) && Date.now() < until) await Bun.sleep(50);
    const pid = Number(readFileSync(pidFile, "utf8"));
    child.kill(signal);
    expect(await child.exited).toBe(status);
    expect(await endsWithin(pid, 2_000)).toBe(true);
  });

  test.skipIf(missing.length > 0)(
    "SIGTERM from the IDE: the dialog closes with awsmfa",
    async () => {
      const login = world.user();
      const child = await credentialProcess({ ...login.sandbox.env, DISPLAY: xvfb.name() });
      await waitForWindow(xvfb.name(), "awsmfa");
      child.kill("SIGTERM");
      expect(await child.exited).toBe(143);
      await waitForNoWindow(xvfb.name(), "awsmfa", 3_000);
    },
  );
});
