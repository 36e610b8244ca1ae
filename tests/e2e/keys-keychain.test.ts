/**
 * The compiled binary with its embedded keyring addon against a real Secret Service (GNOME
 * Keyring on a private D-Bus): configure --key-store keychain -> login -> keys list -> keys move
 * to the credentials file and back, with no secret left in ~/.aws; a crash after each step of a
 * move leaves a working key, and a rerun finishes the move.
 */
import { describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { secretToolSearch, useSecretService } from "../support/secret-service.ts";

const world = useLoginWorld();
const service = useSecretService();

function blank(): LoginUser {
  const user = world.user();
  rmSync(user.sandbox.credentialsPath);
  rmSync(user.sandbox.configPath);
  return user;
}

const run = (
  user: LoginUser,
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
) => user.run(args, { ...options, env: { ...service().env, ...(options.env ?? {}) } });

function clean(user: LoginUser) {
  for (const line of secretToolSearch(service(), "service", "awsmfa").split("\n")) {
    const match = /attribute\.username = (.*)/.exec(line);
    if (match?.[1] === "prod-long-term") {
      Bun.spawnSync(["secret-tool", "clear", "service", "awsmfa", "username", "prod-long-term"], {
        env: { ...process.env, ...service().env },
      });
    }
  }
  return user;
}

describe("keychain (Secret Service) end to end", () => {
  test("configure -> login -> list -> move out and back; no secret in ~/.aws", async () => {
    const user = clean(blank());
    const { accessKeyId, secretAccessKey } = user.user;
    const configured = await user.configureKeys("keychain", {
      extra: ["--region", "eu-west-1"],
      env: service().env,
    });
    expect(configured.stderr).not.toContain("awsmfa:");
    expect(configured.code).toBe(0);
    expect(configured.stderr).toContain("in the keychain key store");
    expect(user.sandbox.readConfig()).toContain("awsmfa_key_store = keychain");
    expect(user.sandbox.readConfig()).not.toContain(secretAccessKey);
    const search = secretToolSearch(service(), "service", "awsmfa");
    expect(search).toContain("attribute.username = prod-long-term");
    expect(search).toContain(secretAccessKey);

    const login = await run(user, ["prod", "--otp", user.code()]);
    expect(login.stderr).not.toContain("awsmfa:");
    expect(login.code).toBe(0);
    const credentials = user.sandbox.readCredentials();
    expect(credentials).toContain("[prod]\naws_access_key_id = ASIA");
    expect(credentials).not.toContain(secretAccessKey);
    expect(credentials).not.toContain(accessKeyId);

    const list = await run(user, ["keys", "list", "--json"]);
    expect(list.code).toBe(0);
    const masked = `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
    expect(JSON.parse(list.stdout)).toEqual([
      { profile: "prod-long-term", store: "keychain", accessKeyId: masked },
    ]);
    expect(list.stdout + list.stderr).not.toContain(secretAccessKey);

    const out = await run(user, ["keys", "move", "prod-long-term", "--to", "credentials-file"]);
    expect(out.stderr).not.toContain("awsmfa:");
    expect(out.code).toBe(0);
    expect(user.sandbox.readCredentials()).toContain(`aws_secret_access_key = ${secretAccessKey}`);
    expect(user.sandbox.readConfig()).not.toContain("awsmfa_key_store");
    expect(secretToolSearch(service(), "service", "awsmfa")).not.toContain("prod-long-term");

    // Named by the login profile: the keys of its long-term profile move.
    const back = await run(user, ["keys", "move", "prod", "--to", "keychain"]);
    expect(back.code).toBe(0);
    expect(back.stderr).toContain("The long-term keys of prod are those of prod-long-term.");
    expect(user.sandbox.readCredentials()).not.toContain(secretAccessKey);
    expect(user.sandbox.readCredentials()).not.toContain(accessKeyId);
    expect(secretToolSearch(service(), "service", "awsmfa")).toContain("prod-long-term");
    // A fresh session (the next code window of the fake's clock) signed with the keychain keys.
    world.aws.clockOffsetMs = 60_000;
    try {
      const again = await run(user, ["prod", "--otp", user.code(), "--force"]);
      expect(again.stderr).not.toContain("awsmfa:");
      expect(again.code).toBe(0);
    } finally {
      world.aws.clockOffsetMs = 0;
    }
  });

  test("rotate: the new key replaces the old in the keychain, the old is deleted", async () => {
    const user = clean(blank());
    const { accessKeyId, secretAccessKey } = user.user;
    const configured = await user.configureKeys("keychain", {
      extra: ["--region", "eu-west-1"],
      env: service().env,
    });
    expect(configured.code).toBe(0);
    const rotated = await run(user, ["keys", "rotate", "prod", "--otp", user.code()]);
    expect(rotated.stderr).not.toContain("awsmfa:");
    expect(rotated.code).toBe(0);
    const fresh = user.user.accessKeys[0]!;
    expect(user.user.accessKeys).toHaveLength(1);
    expect(fresh.accessKeyId).not.toBe(accessKeyId);
    const search = secretToolSearch(service(), "service", "awsmfa");
    expect(search).toContain(fresh.secretAccessKey);
    expect(search).not.toContain(secretAccessKey);
    expect(user.sandbox.readConfig()).toContain(`awsmfa_key_id = ${fresh.accessKeyId}`);
    expect(rotated.stderr + rotated.stdout).not.toContain(fresh.secretAccessKey);
  });

  test.each([1, 2, 3])(
    "a move killed after step %d leaves working keys; a rerun finishes it",
    async (step) => {
      const user = clean(blank());
      const { accessKeyId, secretAccessKey } = user.user;
      user.sandbox.writeCredentials(
        `# mine\n[prod-long-term]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n[other]\nx = 1\n`,
      );
      user.sandbox.writeConfig(`[profile prod]\nmfa_serial = ${user.serial}\n`);
      const killed = await run(user, ["keys", "move", "prod-long-term", "--to", "keychain"], {
        env: { AWSMFA_TEST_FAULT: `exit-after-step:${step}` },
      });
      expect(killed.code).toBe(99);
      const login = await run(user, ["prod", "--otp", user.code()]);
      expect(login.stderr).not.toContain("awsmfa:");
      expect(login.code).toBe(0);
      const rerun = await run(user, ["keys", "move", "prod-long-term", "--to", "keychain"]);
      expect(rerun.stderr).not.toContain("awsmfa:");
      expect(rerun.code).toBe(0);
      const file = user.sandbox.readCredentials();
      expect(file).not.toContain(secretAccessKey);
      expect(file).toStartWith("# mine\n[prod-long-term]\n");
      expect(file).toContain("[other]\nx = 1\n");
      expect(user.sandbox.readConfig()).toContain("awsmfa_key_store = keychain");
    },
  );
});
