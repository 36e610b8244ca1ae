/**
 * Code sources with a person at a real terminal (bash in tmux): a locked password manager
 * falls back to the prompt after saying how to fix it, and ykman's "touch your YubiKey" shows
 * on the terminal even though stderr is redirected.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { MARKER } from "../support/fake-otp-tools.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { ITEM, type OtpUser, otpUser } from "../support/otp-user.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let shell: ShellSession | undefined;

afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

if (!tmuxAvailable())
  console.log("skipped: tmux is not installed, so the terminal tests cannot run");

async function bashFor(u: OtpUser, mode: string): Promise<ShellSession> {
  shell = await startShell("bash", {
    home: u.sandbox.home,
    env: { ...u.sandbox.env, ...u.tools.env(mode) },
    width: 200,
    height: 40,
  });
  return shell;
}

describe.skipIf(!tmuxAvailable())("code sources at a terminal", () => {
  test("a locked 1Password: the fix is shown, then the code is asked for, and the login works", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = 1password", `awsmfa_op_item = ${ITEM}`);
    const sh = await bashFor(u, "locked");
    const binary = await awsmfaBinary();
    await sh.start(`'${binary}' prod --format json > out.json 2> err.txt; echo "exit=$?"`);
    const screen = await sh.waitFor("MFA code for prod", 10_000);
    expect(screen).toContain("1Password is locked, or op is signed out.");
    expect(screen).toContain("Run `op signin`");
    expect(screen).toContain("Type the code instead.");
    expect(screen).not.toContain(MARKER);
    await sh.type(u.code());
    await sh.press("Enter");
    expect(await sh.finish(15_000)).toContain("exit=0");
    const out = JSON.parse(readFileSync(join(u.sandbox.home, "out.json"), "utf8"));
    expect(out.AccessKeyId).toStartWith("ASIA");
    expect(u.tools.calls()).toHaveLength(1);
    expect(u.sessionCalls().map((c) => c.status)).toEqual([200]);
  });

  test("ykman: 'touch your YubiKey' on the terminal, not in the redirected stderr", async () => {
    const u = otpUser(world);
    u.configure("awsmfa_otp_source = ykman", `awsmfa_ykman_account = ${ITEM}`);
    const sh = await bashFor(u, "touch");
    const binary = await awsmfaBinary();
    await sh.start(`'${binary}' prod --format json > out.json 2> err.txt; echo "exit=$?"`);
    const output = await sh.finish(15_000);
    expect(output).toContain(`Touch your YubiKey if it blinks (code for ${ITEM})...`);
    expect(output).toContain("exit=0");
    expect(readFileSync(join(u.sandbox.home, "err.txt"), "utf8")).not.toContain("Touch");
  });
});
