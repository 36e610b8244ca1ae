/**
 * --debug and AWSMFA_DEBUG=1: a trace on stderr of what awsmfa decided and of each AWS request
 * and its status, with no secret in it (grepped for the fake's keys and the session's).
 */
import { describe, expect, test } from "bun:test";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";

const world = useLoginWorld();

/** Every secret this run could leak: long-term keys and the session handed out. */
function expectNoSecret(trace: string, secrets: readonly string[]) {
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(10);
    expect(trace).not.toContain(secret);
  }
}

describe("the --debug trace", () => {
  test("credential-process --debug: decisions and AWS requests, secrets masked", async () => {
    const login = world.user({ serial: false });
    const r = await login.run(["credential-process", "prod", "--otp", login.code(), "--debug"]);
    expect(r.code).toBe(0);
    const trace = r.stderr;
    expect(trace).toContain("awsmfa debug: profile prod: no role_arn");
    expect(trace).toMatch(/long-term keys AKIA\*\*\*\*\w{4} from profile prod-long-term/);
    expect(trace).toContain("no mfa_serial configured: will look it up");
    expect(trace).toMatch(/iam: ListMFADevices -> http:\/\/127\.0\.0\.1:\d+/);
    expect(trace).toContain("iam: ListMFADevices <- HTTP 200");
    expect(trace).toContain("sts: GetSessionToken <- HTTP 200");
    const json = JSON.parse(r.stdout);
    expectNoSecret(trace, [
      login.user.accessKeyId,
      login.user.secretAccessKey,
      json.AccessKeyId,
      json.SecretAccessKey,
      json.SessionToken,
    ]);
    // Cached the second time, and said so.
    const again = await login.run(["credential-process", "prod"], {
      env: { ...login.sandbox.env, AWSMFA_DEBUG: "1" },
    });
    expect(again.stderr).toContain("session cache: hit");
    expectNoSecret(again.stderr, [json.SecretAccessKey, json.SessionToken, json.AccessKeyId]);
  });

  test("a role profile: the chain, AssumeRole, no secret; AWSMFA_DEBUG=0 is off", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const r = await login.run(["credential-process", "prod-admin", "--otp", login.code()], {
      env: { ...login.sandbox.env, AWSMFA_DEBUG: "1" },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/profile chain: prod-admin \(arn:aws:iam::\d+:role\/[^)]+\) <- prod/);
    expect(r.stderr).toContain("sts: AssumeRole <- HTTP 200");
    const json = JSON.parse(r.stdout);
    expectNoSecret(r.stderr, [
      login.user.accessKeyId,
      login.user.secretAccessKey,
      json.AccessKeyId,
      json.SecretAccessKey,
      json.SessionToken,
    ]);
    const off = await login.run(["credential-process", "prod-admin"], {
      env: { ...login.sandbox.env, AWSMFA_DEBUG: "0" },
    });
    expect(off.code).toBe(0);
    expect(off.stderr).toBe("");
  });

  test("a refused code: the failing status is traced, the code is not", async () => {
    const login = world.user();
    const r = await login.run(["login", "prod", "--otp", "000000", "--debug"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/sts: GetSessionToken <- (HTTP )?403/);
    expectNoSecret(r.stderr, [login.user.accessKeyId, login.user.secretAccessKey]);
  });
});
