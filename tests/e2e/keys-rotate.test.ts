/**
 * awsmfa keys rotate against the fake AWS (CreateAccessKey, ListAccessKeys, DeleteAccessKey,
 * the two-key limit, a propagation delay): the new key replaces the old in the credentials
 * file (minimal edit), the old is deleted only after STS accepts the new one, and a run killed
 * after any step leaves a working key and a rerun that finishes (or says what to do).
 */
import { describe, expect, test } from "bun:test";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

function setup(): LoginUser {
  const user = world.user();
  const creds = user.sandbox.readCredentials();
  user.sandbox.writeCredentials(
    `# my keys\n${creds}\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = keep-me\n`,
  );
  return user;
}

function storedKey(user: LoginUser): string | undefined {
  return /\[prod-long-term\]\naws_access_key_id = (\S+)/.exec(user.sandbox.readCredentials())?.[1];
}

const ids = (user: LoginUser) => user.user.accessKeys.map((key) => key.accessKeyId);

describe("keys rotate", () => {
  test("makes a new key, stores it where the old one was, waits for STS, deletes the old", async () => {
    const user = setup();
    const old = user.user.accessKeyId;
    world.aws.keyPropagationMs = 1500;
    world.aws.clearCalls();
    try {
      const r = await user.run(["keys", "rotate", "prod", "--otp", user.code()]);
      expect(r.stderr).not.toContain("awsmfa:");
      expect(r.code).toBe(0);
      const fresh = storedKey(user)!;
      expect(fresh).not.toBe(old);
      expect(ids(user)).toEqual([fresh]);
      expect(r.stderr).toContain(`${old.slice(0, 4)}****${old.slice(-4)} is deleted`);
      const secret = user.user.accessKeys[0]!.secretAccessKey;
      expect(r.stderr + r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(fresh);
      const file = user.sandbox.readCredentials();
      expect(file).toStartWith("# my keys\n[prod-long-term]\n");
      expect(file).toContain(`aws_secret_access_key = ${secret}\n`);
      expect(file).toContain(
        "[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = keep-me\n",
      );
      // STS refused the new key at first and was asked again, before the old one was deleted.
      const actions = world.aws.calls
        .filter((c) => c.accessKeyId === fresh || c.action !== "GetCallerIdentity")
        .map((c) => c.action);
      expect(actions.filter((a) => a === "GetCallerIdentity").length).toBeGreaterThan(1);
      expect(actions.at(-1)).toBe("DeleteAccessKey");
      expect(world.aws.calls.find((c) => c.action === "DeleteAccessKey")?.params.AccessKeyId).toBe(
        old,
      );
    } finally {
      world.aws.keyPropagationMs = 0;
    }
  });

  test("two keys already: says so and changes nothing", async () => {
    const user = setup();
    user.user.accessKeys.push({
      ...user.user.accessKeys[0]!,
      accessKeyId: "AKIASECONDSECONDSEC2",
      usableAt: 0,
    });
    const before = user.sandbox.readCredentials();
    world.aws.clearCalls();
    const r = await user.run(["keys", "rotate", "prod", "--otp", user.code()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("already has two access keys");
    expect(r.stderr).toContain("Nothing was changed");
    expect(world.aws.count("CreateAccessKey")).toBe(0);
    expect(world.aws.count("DeleteAccessKey")).toBe(0);
    expect(user.sandbox.readCredentials()).toBe(before);
    expect(user.sandbox.readConfig()).not.toContain("awsmfa_rotating_from");
  });

  test.each([1, 2, 3, 4, 5])(
    "killed after step %d: a working key is stored, a rerun finishes",
    async (step) => {
      const user = setup();
      const old = user.user.accessKeyId;
      const killed = await user.run(["keys", "rotate", "prod", "--otp", user.code()], {
        env: { AWSMFA_TEST_FAULT: `exit-after-step:${step}` },
      });
      expect(killed.code).toBe(99);
      // The stored key works: STS accepts it.
      const stored = storedKey(user)!;
      expect(ids(user)).toContain(stored);
      world.aws.clockOffsetMs = 60_000; // the next code window
      try {
        let rerun = await user.run(["keys", "rotate", "prod", "--otp", user.code()]);
        if (step === 2) {
          // The new key was made but never stored: the rerun says what to do, and changes nothing.
          expect(rerun.code).toBe(3);
          expect(rerun.stderr).toContain("its secret was never stored");
          expect(ids(user)).toHaveLength(2);
          const orphan = ids(user).find((id) => id !== old)!;
          user.user.accessKeys.splice(ids(user).indexOf(orphan), 1); // as the user would, in the console
          world.aws.clockOffsetMs = 120_000;
          rerun = await user.run(["keys", "rotate", "prod", "--otp", user.code()]);
        }
        expect(rerun.stderr).not.toContain("awsmfa:");
        expect(rerun.code).toBe(0);
        expect(ids(user)).toEqual([storedKey(user)!]);
        expect(storedKey(user)).not.toBe(old);
        expect(user.sandbox.readConfig()).not.toContain("awsmfa_rotating_from");
      } finally {
        world.aws.clockOffsetMs = 0;
      }
    },
  );
});
