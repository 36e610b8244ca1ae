/**
 * Leaving the code prompt without a code (issue 11, item 11): Ctrl-D cancels at once (exit
 * 130) rather than leaving a prompt that no longer answers, and neither Ctrl-D nor Ctrl-C
 * leaves the MFA lock behind for the next command to wait on.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { expectNextLoginAsksAtOnce } from "../support/login-again.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let session: ShellSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

if (!tmuxAvailable()) console.log("SKIPPED: tmux is not installed, so the cancel tests cannot run");

describe.skipIf(!tmuxAvailable())("cancelling the code prompt", () => {
  test.each(["C-d", "C-c"])("%s: exit 130 at once, and the next run finds no lock", async (key) => {
    const user = world.user();
    const binary = await awsmfaBinary();
    session = await startShell("bash", {
      home: user.sandbox.home,
      env: user.sandbox.env,
      width: 160,
      height: 40,
    });
    await session.start(`'${binary}' login prod --format sh >/dev/null; echo "rc=$?"`);
    await session.waitFor("MFA code for prod", 15_000);
    const pressed = Date.now();
    await session.press(key);
    const out = await session.waitFor(/rc=\d/, 5_000);
    expect(Date.now() - pressed).toBeLessThan(3_000);
    expect(out).toContain("rc=130");
    await session.finish(5_000);
    // The next run asks at once: no "Waiting for another awsmfa", no stale lock.
    await expectNextLoginAsksAtOnce(session, binary, user);
  });

  test("killed at the prompt (SIGKILL, no finally runs): the next run does not wait", async () => {
    const user = world.user();
    const binary = await awsmfaBinary();
    session = await startShell("bash", {
      home: user.sandbox.home,
      env: user.sandbox.env,
      width: 160,
      height: 40,
    });
    const pidFile = join(user.sandbox.home, "awsmfa.pid");
    await session.start(
      `sh -c 'echo $$ >"$0"; exec "$1" login prod --format sh >/dev/null' '${pidFile}' '${binary}'; echo "rc=$?"`,
    );
    await session.waitFor("MFA code for prod", 15_000);
    process.kill(Number(readFileSync(pidFile, "utf8").trim()), "SIGKILL");
    expect(await session.waitFor(/rc=\d/, 5_000)).toContain("rc=137");
    await session.finish(5_000);
    await session.run("stty sane");
    await expectNextLoginAsksAtOnce(session, binary, user);
  });
});
