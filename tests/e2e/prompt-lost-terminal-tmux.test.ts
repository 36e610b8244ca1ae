/**
 * A code prompt whose caller is killed (the AWS CLI, terraform or `awsmfa exec` ended by
 * `kill -9` from elsewhere): the shell takes the terminal back, and awsmfa must stop asking at
 * once. Before, its pending read took the next line typed for the shell as the MFA code (a
 * command, or a password, lost to awsmfa) and then crashed with "setRawMode failed".
 */
import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { callsOf } from "../support/role-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let session: ShellSession | undefined;
let dir: string | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

if (!tmuxAvailable()) {
  console.log("SKIPPED: tmux is not installed, so the lost-terminal prompt test cannot run");
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ")) {
      return true;
    }
    await Bun.sleep(50);
  }
  return false;
}

describe.skipIf(!tmuxAvailable() || process.platform !== "linux")(
  "a prompt whose caller is killed",
  () => {
    test("stops asking at once; the next line typed reaches the shell", async () => {
      const login = world.user();
      const binary = await awsmfaBinary();
      dir = mkdtempSync(join(tmpdir(), "awsmfa-lost-"));
      session = await startShell("bash", { home: login.sandbox.home, env: login.sandbox.env });
      // The caller: a shell that runs credential-process and notes both process ids.
      await session.start(
        `sh -c 'echo $$ >"$1/caller"; "$0" credential-process prod & echo $! >"$1/awsmfa"; wait' '${binary}' '${dir}'`,
      );
      await session.waitFor("MFA code for prod", 15_000);
      const caller = Number(readFileSync(join(dir, "caller"), "utf8"));
      const awsmfa = Number(readFileSync(join(dir, "awsmfa"), "utf8"));
      process.kill(caller, "SIGKILL");
      await session.finish(10_000);
      expect(await gone(awsmfa, 3_000)).toBe(true);
      expect(await session.run("echo typed-$((6*7))", 10_000)).toContain("typed-42");
      const screen = await session.screen();
      expect(screen).toContain("Stopped asking: the terminal went back to another program");
      expect(screen).not.toContain("unexpected error");
      expect(callsOf(world.aws, login, "GetSessionToken")).toHaveLength(0);
    });
  },
);
