import { describe, expect, test } from "bun:test";
import { keysInEnv, sessionExpiryMs } from "../../src/session/in-env.ts";

const EPOCH = 1_795_000_000;
const ISO = "2026-11-21T09:41:00Z";

describe("keysInEnv: the one reading of the shell's AWS_* variables", () => {
  test("a session awsmfa set: usable keys, its own, a session, the expiry from AWSMFA_EXPIRES", () => {
    const keys = keysInEnv({
      AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_SESSION_TOKEN: "token",
      AWS_CREDENTIAL_EXPIRATION: ISO,
      AWS_PROFILE: "prod",
      AWSMFA_EXPIRES: String(EPOCH),
    });
    expect(keys).toEqual({
      accessKeyId: "ASIAEXAMPLE",
      credentials: {
        accessKeyId: "ASIAEXAMPLE",
        secretAccessKey: "secret",
        sessionToken: "token",
        expiration: new Date(EPOCH * 1000),
      },
      setByAwsmfa: true,
      isSession: true,
      expiration: new Date(EPOCH * 1000),
      profile: "prod",
    });
  });

  test("long-term keys typed by hand: usable, not awsmfa's, not a session", () => {
    const keys = keysInEnv({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_SECRET_ACCESS_KEY: "s" });
    expect(keys.credentials?.sessionToken).toBeUndefined();
    expect(keys.setByAwsmfa).toBe(false);
    expect(keys.isSession).toBe(false);
    expect(keys.expiration).toBeUndefined();
  });

  test("another tool's session (a token, no AWSMFA_EXPIRES) is a session awsmfa did not set", () => {
    const keys = keysInEnv({
      AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "s",
      AWS_SESSION_TOKEN: "t",
      AWS_CREDENTIAL_EXPIRATION: ISO,
    });
    expect(keys.isSession).toBe(true);
    expect(keys.setByAwsmfa).toBe(false);
    expect(keys.expiration).toEqual(new Date(ISO));
  });

  test("an id without a secret: the shell has keys, but none usable", () => {
    const keys = keysInEnv({ AWS_ACCESS_KEY_ID: "AKIAEXAMPLE" });
    expect(keys.accessKeyId).toBe("AKIAEXAMPLE");
    expect(keys.credentials).toBeUndefined();
  });

  test("empty variables count as unset", () => {
    const keys = keysInEnv({
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWSMFA_EXPIRES: "",
    });
    expect(keys).toEqual({
      accessKeyId: undefined,
      credentials: undefined,
      setByAwsmfa: false,
      isSession: false,
      expiration: undefined,
      profile: undefined,
    });
  });
});

describe("sessionExpiryMs", () => {
  test.each([
    [
      "AWSMFA_EXPIRES wins",
      { AWSMFA_EXPIRES: String(EPOCH), AWS_CREDENTIAL_EXPIRATION: ISO },
      EPOCH * 1000,
    ],
    ["AWS_CREDENTIAL_EXPIRATION alone", { AWS_CREDENTIAL_EXPIRATION: ISO }, Date.parse(ISO)],
    [
      "a malformed AWSMFA_EXPIRES falls back",
      { AWSMFA_EXPIRES: "soon", AWS_CREDENTIAL_EXPIRATION: ISO },
      Date.parse(ISO),
    ],
    [
      "a leading zero is refused, as the prompt hooks refuse it",
      { AWSMFA_EXPIRES: "0123" },
      undefined,
    ],
    ["thirteen digits are refused", { AWSMFA_EXPIRES: "1234567890123" }, undefined],
    ["a malformed AWS_CREDENTIAL_EXPIRATION", { AWS_CREDENTIAL_EXPIRATION: "tomorrow" }, undefined],
    ["nothing", {}, undefined],
  ])("%s", (_name, env, expected) => {
    expect(sessionExpiryMs(env)).toBe(expected);
  });
});
