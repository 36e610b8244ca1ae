/** doctor's "Long-term keys" section: plaintext keys when a key store is here, and old keys. */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { usePassStore } from "../support/pass-store.ts";

const world = useLoginWorld();
const pass = usePassStore();

describe("doctor and long-term keys", () => {
  test("plaintext keys with a key store here: a warning with the move command", async () => {
    const user = world.user();
    const r = await user.run(["doctor", "--offline"], { env: pass().env });
    expect(r.stdout + r.stderr).toContain("[prod-long-term] keeps its long-term keys");
    expect(r.stdout + r.stderr).toContain("awsmfa keys move prod-long-term --to pass");
    expect(r.stdout + r.stderr).not.toContain(user.user.secretAccessKey);
  });

  test("a key older than 90 days is reported from ListAccessKeys with the cached session", async () => {
    const user = world.user();
    user.user.accessKeys[0]!.createDate = new Date(Date.now() - 100 * 86_400_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
    const login = await user.run(["prod", "--otp", user.code()]);
    expect(login.code).toBe(0);
    const r = await user.run(["doctor"]);
    const masked = `${user.user.accessKeyId.slice(0, 4)}****${user.user.accessKeyId.slice(-4)}`;
    expect(r.stdout + r.stderr).toContain(`prod: its access key ${masked} is 100 days old`);
    expect(r.stdout + r.stderr).toContain("awsmfa keys rotate prod");
  });

  test("no session: the age is skipped quietly", async () => {
    const user = world.user();
    user.user.accessKeys[0]!.createDate = "2020-01-01T00:00:00Z";
    const before = world.aws.count("ListAccessKeys");
    const r = await user.run(["doctor"]);
    expect(r.stdout + r.stderr).toContain("Long-term keys");
    expect(r.stdout + r.stderr).not.toContain("days old");
    expect(world.aws.count("ListAccessKeys")).toBe(before);
  });
});
