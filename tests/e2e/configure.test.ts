/**
 * awsmfa configure without a terminal, every question answered by a flag: new keys (the
 * secret on stdin, never argv), the move of keys out of [PROFILE] (and a crash between its
 * two writes), replacing keys, the device, region and code source.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, rmSync, statSync } from "node:fs";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/** A user whose files hold nothing yet. */
function blank(): LoginUser {
  const user = world.user();
  rmSync(user.sandbox.credentialsPath);
  rmSync(user.sandbox.configPath);
  return user;
}

function newKeys(user: LoginUser, ...more: string[]) {
  return user.run(
    [
      "configure",
      "prod",
      "--access-key-id",
      user.user.accessKeyId,
      "--secret-access-key",
      "-",
      ...more,
    ],
    { stdin: `${user.user.secretAccessKey}\n` },
  );
}

describe("configure with flags", () => {
  test("new keys: verified, device found, files written, login works", async () => {
    const user = blank();
    const r = await newKeys(user, "--region", "eu-west-1");
    expect(r.stderr).not.toContain("awsmfa:");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`belong to ${user.user.arn}`);
    expect(r.stderr).toContain(`Found MFA device ${user.serial}`);
    expect(r.stderr).toContain("prod is set up. Log in with: awsmfa prod");
    expect(r.stderr + r.stdout).not.toContain(user.user.secretAccessKey);
    expect(user.sandbox.readCredentials()).toBe(
      `[prod-long-term]\naws_access_key_id = ${user.user.accessKeyId}\naws_secret_access_key = ${user.user.secretAccessKey}\n`,
    );
    expect(user.sandbox.readConfig()).toBe(
      `[profile prod]\nmfa_serial = ${user.serial}\nregion = eu-west-1\n`,
    );
    expect(statSync(user.sandbox.credentialsPath).mode & 0o777).toBe(0o600);
    const login = await user.run(["prod", "--otp", user.code()]);
    expect(login.code).toBe(0);
    expect(user.sandbox.readCredentials()).toContain("[prod]\naws_access_key_id = ASIA");
  });

  test("a secret on the command line is refused, unechoed, before anything happens", async () => {
    const user = blank();
    const r = await user.run([
      "configure",
      "prod",
      "--access-key-id",
      user.user.accessKeyId,
      "--secret-access-key",
      "s3cr3t-on-argv",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--secret-access-key takes only -");
    expect(r.stderr).not.toContain("s3cr3t-on-argv");
    expect(existsSync(user.sandbox.credentialsPath)).toBe(false);
    expect(world.aws.calls.filter((c) => c.accessKeyId === user.user.accessKeyId)).toHaveLength(0);
  });

  test.each([
    [["--access-key-id", "ASIATEMPORARYKEY0001"], 2, "temporary session keys"],
    [["--access-key-id", "not-a-key"], 2, "not an AWS access key id"],
    [["--access-key-id", "AKIAWRONGWRONGWRONG1"], 4, "AWS"],
  ])("bad keys %p: exit %d, nothing written", async (args, code, message) => {
    const user = blank();
    const r = await user.run(["configure", "prod", ...args, "--secret-access-key", "-"], {
      stdin: "wrongwrongwrongwrongwrongwrongwrongwrong\n",
    });
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(existsSync(user.sandbox.credentialsPath)).toBe(false);
    expect(existsSync(user.sandbox.configPath)).toBe(false);
  });

  test("no terminal and no keys: exit 7 naming the flags", async () => {
    const user = blank();
    const r = await user.run(["configure", "prod"]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("--access-key-id AKIA... --secret-access-key -");
  });

  test("keys already in [prod-long-term] are kept; only what changed is written", async () => {
    const user = world.user();
    const credentials = user.sandbox.readCredentials();
    const r = await user.run(["configure", "prod", "--region", "us-west-2"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Using the long-term keys in [prod-long-term]");
    expect(r.stderr).toContain(`MFA device: ${user.serial} (as configured`);
    expect(user.sandbox.readCredentials()).toBe(credentials);
    expect(user.sandbox.readConfig()).toBe(
      `[profile prod]\nmfa_serial = ${user.serial}\nregion = us-west-2\n`,
    );
  });

  test("other keys in [prod-long-term] are replaced only with --yes", async () => {
    const user = world.user();
    const next = world.aws.addUser();
    const args = [
      "configure",
      "prod",
      "--access-key-id",
      next.accessKeyId,
      "--secret-access-key",
      "-",
    ];
    const stdin = `${next.secretAccessKey}\n`;
    const refused = await user.run(args, { stdin });
    expect(refused.code).toBe(7);
    expect(refused.stderr).toContain("Confirm with --yes");
    expect(user.sandbox.readCredentials()).toContain(user.user.accessKeyId);
    const r = await user.run([...args, "--yes", "--serial", next.devices[0]!.serial], { stdin });
    expect(r.code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(
      `[prod-long-term]\naws_access_key_id = ${next.accessKeyId}\naws_secret_access_key = ${next.secretAccessKey}\n`,
    );
    expect(user.sandbox.readConfig()).toContain(`mfa_serial = ${next.devices[0]!.serial}`);
  });

  test("--long-term-profile elsewhere is remembered as awsmfa_long_term_profile", async () => {
    const user = blank();
    const r = await newKeys(user, "--long-term-profile", "alice-keys");
    expect(r.code).toBe(0);
    expect(user.sandbox.readCredentials()).toStartWith("[alice-keys]\n");
    expect(user.sandbox.readConfig()).toBe(
      `[profile prod]\nmfa_serial = ${user.serial}\nawsmfa_long_term_profile = alice-keys\n`,
    );
    expect((await user.run(["prod", "--otp", user.code()])).code).toBe(0);
  });

  test("the code source and its item", async () => {
    const user = world.user();
    const r = await user.run([
      "configure",
      "prod",
      "--otp-source",
      "1password",
      "--otp-item",
      "AWS prod",
    ]);
    expect(r.code).toBe(0);
    expect(user.sandbox.readConfig()).toContain(
      "awsmfa_otp_source = 1password\nawsmfa_op_item = AWS prod\n",
    );
    const missing = await user.run(["configure", "prod", "--otp-source", "pass"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--otp-item (it is saved as awsmfa_pass_entry)");
    const unknown = await user.run(["configure", "prod", "--otp-source", "carrier-pigeon"]);
    expect(unknown.code).toBe(2);
  });
});

describe("moving long-term keys out of [prod]", () => {
  function legacy(): { user: LoginUser; before: string } {
    const user = world.user({ serial: false });
    const before = `# my keys\n[prod]\nregion = eu-west-1\naws_access_key_id = ${user.user.accessKeyId}\naws_secret_access_key = ${user.user.secretAccessKey}\n; end\n`;
    user.sandbox.writeCredentials(before);
    user.sandbox.writeConfig("");
    return { user, before };
  }
  const moved = (user: LoginUser) =>
    `# my keys\n[prod]\nregion = eu-west-1\n; end\n\n[prod-long-term]\naws_access_key_id = ${user.user.accessKeyId}\naws_secret_access_key = ${user.user.secretAccessKey}\n`;

  test("--move-keys: [prod-long-term] gets them, [prod] keeps the rest, login then writes [prod]", async () => {
    const { user } = legacy();
    const r = await user.run(["configure", "prod", "--move-keys"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Moved the keys AKIA");
    expect(user.sandbox.readCredentials()).toBe(moved(user));
    expect(user.sandbox.readConfig()).toBe(`[profile prod]\nmfa_serial = ${user.serial}\n`);
    const login = await user.run(["prod", "--otp", user.code()]);
    expect(login.code).toBe(0);
    expect(user.sandbox.readCredentials()).toContain(
      "[prod]\nregion = eu-west-1\naws_access_key_id = ASIA",
    );
  });

  test("no answer and no terminal: exit 7 naming --move-keys; --no-move-keys keeps them", async () => {
    const { user, before } = legacy();
    const r = await user.run(["configure", "prod"]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("--move-keys");
    expect(user.sandbox.readCredentials()).toBe(before);
    const kept = await user.run(["configure", "prod", "--no-move-keys"]);
    expect(kept.code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(before);
    expect(user.sandbox.readConfig()).toContain(`mfa_serial = ${user.serial}`);
  });

  test("a crash between the two writes leaves the keys in both sections; running again finishes", async () => {
    const { user, before } = legacy();
    const first = await user.run(["configure", "prod", "--move-keys", "--serial", user.serial], {
      env: { AWSMFA_TEST_FAULT: "exit-after-temp-write" },
    });
    expect(first.code).toBe(99);
    expect(user.sandbox.readCredentials()).toBe(before);
    const second = await user.run(["configure", "prod", "--move-keys", "--serial", user.serial], {
      env: { AWSMFA_TEST_FAULT: "exit-after-temp-write:2" },
    });
    expect(second.code).toBe(99);
    const both = user.sandbox.readCredentials();
    expect(both).toBe(
      `${before}\n[prod-long-term]\naws_access_key_id = ${user.user.accessKeyId}\naws_secret_access_key = ${user.user.secretAccessKey}\n`,
    );
    const again = await user.run(["configure", "prod", "--move-keys", "--serial", user.serial]);
    expect(again.stderr).not.toContain("awsmfa:");
    expect(again.code).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(moved(user));
  });

  test("[prod] and [prod-long-term] with different keys: refused, nothing changes", async () => {
    const { user, before } = legacy();
    const text = `${before}\n[prod-long-term]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = o\n`;
    user.sandbox.writeCredentials(text);
    const r = await user.run(["configure", "prod", "--move-keys"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("hold long-term keys");
    expect(user.sandbox.readCredentials()).toBe(text);
  });
});
