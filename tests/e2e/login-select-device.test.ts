/**
 * Several MFA devices and no mfa_serial: the devices are offered in a list on the terminal
 * (a real bash in tmux, through the shell function that captures stdout), the chosen one is used and saved, and
 * Ctrl-C at the list changes nothing.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
let session: ShellSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

if (!tmuxAvailable()) console.log("skipped: tmux is not installed, so the list cannot be shown");

async function bashWithThreeDevices() {
  const login = world.user({ devices: 3, serial: false });
  const binary = await awsmfaBinary();
  session = await startShell("bash", {
    home: login.sandbox.home,
    env: login.sandbox.env,
    rc: `eval "$('${binary}' shell-init bash)"`,
    width: 160,
    height: 40,
  });
  return { login, shell: session };
}

describe.skipIf(!tmuxAvailable())("choosing among several MFA devices", () => {
  test("the second device, chosen with the arrow keys, is used and saved", async () => {
    const { login, shell } = await bashWithThreeDevices();
    const second = login.user.devices[1]!.serial;
    await shell.start("awsmfa prod --no-write");
    const screen = await shell.waitFor("Which MFA device should prod use?", 10_000);
    for (const device of login.user.devices) expect(screen).toContain(device.serial);
    await shell.press("Down");
    await shell.press("Enter");
    await shell.waitFor("MFA code for prod", 10_000);
    await shell.type(world.aws.code(second));
    await shell.press("Enter");
    const out = await shell.finish(15_000);
    expect(out).toContain(`Using MFA device ${second}`);
    expect(out).toContain("New session for prod");
    expect(await shell.run(`echo "[$(printf %.4s "$AWS_ACCESS_KEY_ID")]"`)).toContain("[ASIA]");
    const token = world.aws.calls.find(
      (c) => c.action === "GetSessionToken" && c.accessKeyId === login.user.accessKeyId,
    );
    expect(token?.params.SerialNumber).toBe(second);
    expect(login.sandbox.readConfig()).toContain(`mfa_serial = ${second}\n`);
  });

  test.each(["C-c", "C-d"])(
    "%s at the list: exit 130, nothing saved, nothing in the shell, no lock left",
    async (key) => {
      const { login, shell } = await bashWithThreeDevices();
      const before = login.sandbox.readConfig();
      await shell.start("awsmfa prod --no-write");
      await shell.waitFor("Which MFA device should prod use?", 10_000);
      await shell.press(key);
      await shell.finish(10_000);
      expect(await shell.run('echo "status=$?"')).toContain("status=130");
      expect(await shell.run('echo "[$AWS_ACCESS_KEY_ID]"')).toContain("[]");
      expect(login.sandbox.readConfig()).toBe(before);
      // The device lookup's lock went with it: the next run asks at once.
      await shell.start('echo NE""XT; awsmfa prod --no-write');
      const again = await shell.waitFor(/NEXT[\s\S]*Which MFA device should prod use\?/, 10_000);
      expect(again.split("NEXT")[1]).not.toContain("Waiting for another awsmfa");
      await shell.press("C-c");
      await shell.finish(10_000);
    },
  );
});
