/**
 * FIDO security keys are MFA devices that ListMFADevices lists, but they make no codes: AWS
 * takes them in the console only. A login must never pick, offer, save or send one.
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

describe("security keys", () => {
  test("next to a virtual device they are skipped: that device is used, without asking", async () => {
    const { run, code, sandbox, user, serial } = world.user({ serial: false, securityKeys: 2 });
    const r = await run(["prod", "--otp", code(), "--no-write"]);
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0); // no terminal: a choice would have been exit 7
    expect(r.stderr).toContain(`Found MFA device ${serial}`);
    expect(sandbox.readConfig()).toContain(`mfa_serial = ${serial}\n`);
    for (const key of user.securityKeys) expect(sandbox.readConfig()).not.toContain(key);
  });

  test("only security keys: exit 3, says why and what to assign; no code asked", async () => {
    const { run, sandbox } = world.user({ serial: false, devices: 0, securityKeys: 1 });
    const before = sandbox.readConfig();
    const r = await run(["prod"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("false\n");
    expect(r.stderr).toContain("has only security keys (FIDO)");
    expect(r.stderr).toContain("console only");
    expect(r.stderr).toContain("virtual MFA device");
    expect(sandbox.readConfig()).toBe(before);
  });

  test("a security key named as the device: refused before any call", async () => {
    const { run, sandbox, user } = world.user({ serial: false, securityKeys: 1 });
    const key = user.securityKeys[0]!;
    const calls = () => world.aws.calls.filter((c) => c.accessKeyId === user.accessKeyId).length;
    const flag = await run(["prod", "--serial", key, "--otp", "123456"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(`${key} (--serial) is a security key (FIDO)`);
    sandbox.writeConfig(`[profile prod]\nmfa_serial = ${key}\n`);
    const config = await run(["prod", "--otp", "123456"]);
    expect(config.code).toBe(3);
    expect(config.stderr).toContain(`${key} (mfa_serial in prod) is a security key (FIDO)`);
    expect(calls()).toBe(0);
  });
});
