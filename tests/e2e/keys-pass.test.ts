/**
 * The compiled binary with the pass and encrypted-file key stores and with a credential_process
 * long-term profile, against the fake AWS. `pass` is wrapped by a recorder that logs its argv
 * (and then runs the real pass): no secret may ever appear there.
 */
import { describe, expect, test } from "bun:test";
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { usePassStore } from "../support/pass-store.ts";

const world = useLoginWorld();
const pass = usePassStore();

/** A bin folder whose `pass` logs its argv to argv.log, then runs the real one. */
function recorder(user: LoginUser): { env: Record<string, string>; log: () => string } {
  const bin = join(user.sandbox.home, "bin");
  const realPass = Bun.which("pass")!;
  const log = join(user.sandbox.home, "argv.log");
  writeFileSync(log, "");
  user.sandbox.file(
    "bin/pass",
    `#!/bin/sh\nprintf '%s\\n' "pass $*" >> '${log}'\nexec '${realPass}' "$@"\n`,
    0o755,
  );
  return {
    env: { ...pass().env, PATH: `${bin}:${user.sandbox.env.PATH}` },
    log: () => readFileSync(log, "utf8"),
  };
}

const masked = (id: string) => `${id.slice(0, 4)}****${id.slice(-4)}`;

describe("pass key store end to end", () => {
  test("configure -> login -> list -> rotate; secrets only on stdin, never argv", async () => {
    const user = world.user();
    const { accessKeyId, secretAccessKey } = user.user;
    user.sandbox.writeCredentials("");
    const { env, log } = recorder(user);
    const configured = await user.configureKeys("pass", { env });
    expect(configured.stderr).not.toContain("awsmfa:");
    expect(configured.code).toBe(0);
    expect(pass().show("awsmfa/prod-long-term")).toBe(
      `${secretAccessKey}\naws_access_key_id: ${accessKeyId}\n`,
    );
    const login = await user.run(["prod", "--otp", user.code()], { env });
    expect(login.code).toBe(0);
    const list = await user.run(["keys", "list", "--json"], { env });
    expect(JSON.parse(list.stdout)).toEqual([
      { profile: "prod-long-term", store: "pass", accessKeyId: masked(accessKeyId) },
    ]);
    const rotated = await user.run(["keys", "rotate", "prod"], { env });
    expect(rotated.stderr).not.toContain("awsmfa:");
    expect(rotated.code).toBe(0);
    const fresh = user.user.accessKeys[0]!;
    expect(user.user.accessKeys).toHaveLength(1);
    expect(fresh.accessKeyId).not.toBe(accessKeyId);
    expect(pass().show("awsmfa/prod-long-term")).toBe(
      `${fresh.secretAccessKey}\naws_access_key_id: ${fresh.accessKeyId}\n`,
    );
    expect(user.sandbox.readConfig()).toContain(`awsmfa_key_id = ${fresh.accessKeyId}`);
    const argv = log();
    expect(argv).toContain("pass insert --multiline --force awsmfa/prod-long-term");
    for (const secret of [secretAccessKey, fresh.secretAccessKey])
      expect(argv).not.toContain(secret);
    expect(user.sandbox.readCredentials()).not.toContain(secretAccessKey);
    expect(user.sandbox.readCredentials()).not.toContain(fresh.secretAccessKey);
  });
});

describe("encrypted-file key store end to end", () => {
  test("configure -> login -> wrong passphrase refused -> move to the credentials file", async () => {
    const user = world.user();
    const { accessKeyId, secretAccessKey } = user.user;
    user.sandbox.writeCredentials("");
    const env = { AWSMFA_KEY_STORE_PASSPHRASE: "a long test passphrase" };
    const configured = await user.configureKeys("encrypted-file", { env });
    expect(configured.stderr).not.toContain("awsmfa:");
    expect(configured.code).toBe(0);
    const file = join(user.sandbox.home, ".config", "awsmfa", "keys.enc");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).not.toContain(secretAccessKey);
    const wrong = await user.run(["prod", "--otp", user.code()], {
      env: { AWSMFA_KEY_STORE_PASSPHRASE: "wrong one!" },
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain("Wrong passphrase");
    const login = await user.run(["prod", "--otp", user.code()], { env });
    expect(login.stderr).not.toContain("awsmfa:");
    expect(login.code).toBe(0);
    const moved = await user.run(["keys", "move", "prod-long-term", "--to", "credentials-file"], {
      env,
    });
    expect(moved.code).toBe(0);
    expect(user.sandbox.readCredentials()).toContain(
      `[prod-long-term]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    expect(readFileSync(file, "utf8")).not.toContain(accessKeyId);
  });
});

describe("a long-term profile with credential_process", () => {
  test("its keys are used; its session keys are refused; its output is never echoed", async () => {
    const user = world.user();
    const { accessKeyId, secretAccessKey } = user.user;
    const script = user.sandbox.file(
      "keys.sh",
      `#!/bin/sh\necho "$@" > '${user.sandbox.home}/process-argv'\nprintf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s"}' "$KEY_ID" "$KEY_SECRET"\n`,
      0o755,
    );
    chmodSync(script, 0o755);
    user.sandbox.writeCredentials("");
    user.sandbox.writeConfig(
      `[profile prod]\nmfa_serial = ${user.serial}\nregion = eu-west-1\n[profile prod-long-term]\ncredential_process = ${script} --profile x\n`,
    );
    const login = await user.run(["prod", "--otp", user.code()], {
      env: { KEY_ID: accessKeyId, KEY_SECRET: secretAccessKey },
    });
    expect(login.stderr).not.toContain("awsmfa:");
    expect(login.code).toBe(0);
    expect(readFileSync(join(user.sandbox.home, "process-argv"), "utf8")).toBe("--profile x\n");
    const session = await user.run(["prod", "--otp", user.code(), "--force"], {
      env: { KEY_ID: "ASIAEXAMPLEEXAMPLE01", KEY_SECRET: "session-secret-value" },
    });
    expect(session.code).toBe(3);
    expect(session.stderr).toContain("gives session keys");
    expect(session.stderr).not.toContain("session-secret-value");
  });
});
