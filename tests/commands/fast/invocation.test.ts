/** The command lines the fast path takes on, and the ones it leaves to the full CLI. */
import { describe, expect, test } from "bun:test";
import { fastInvocation } from "../../../src/commands/fast/invocation.ts";

const login = (profile: string, more: object = {}) => ({
  kind: "login",
  profile,
  format: undefined,
  noWrite: false,
  yes: false,
  ...more,
});

describe("fastInvocation", () => {
  test.each([
    [["prod"], {}, login("prod")],
    [["login", "prod"], {}, login("prod")],
    [["login", "ls"], {}, login("ls")],
    [[], { AWS_PROFILE: "dev" }, login("dev")],
    [["login"], { AWS_PROFILE: "" }, login("default")],
    [["prod"], { AWS_PROFILE: "dev" }, login("prod")],
    [["prod", "--format", "fish"], {}, login("prod", { format: "fish" })],
    [["--format=json", "prod"], {}, login("prod", { format: "json" })],
    [["prod", "--no-write", "-y"], {}, login("prod", { noWrite: true, yes: true })],
    [
      ["prod"],
      { AWSMFA_SHELL: "zsh", AWSMFA_EXPIRES: "1", AWSMFA_MIN_REMAINING: "" },
      login("prod"),
    ],
    [["prod"], { AWSMFA_DEBUG: "" }, login("prod")],
    [["credential-process", "prod"], {}, { kind: "credential-process", profile: "prod" }],
    [["prompt"], { AWSMFA_DEBUG: "1" }, { kind: "prompt", template: undefined }],
    [["prompt", "--template", "{left}"], {}, { kind: "prompt", template: "{left}" }],
    [["prompt", "--template={until}"], {}, { kind: "prompt", template: "{until}" }],
  ] as const)("%j with %j is %j", (argv, env, expected) => {
    expect(fastInvocation(argv, env)).toEqual(expected as never);
  });

  test.each([
    [["prod", "--force"], {}],
    [["prod", "-f"], {}],
    [["prod", "--otp", "123456"], {}],
    [["prod", "--debug"], {}],
    [["prod", "--"], {}],
    [["login", "--", "-x"], {}],
    [["prod", "dev"], {}],
    [["prod", "prod"], {}],
    [["prod", "--format"], {}],
    [["prod", "--format", "json", "--format", "sh"], {}],
    [["prod", "--format", "-y"], {}],
    [["prod", "--format="], {}],
    [[""], {}],
    [["ls"], {}],
    [["status"], {}],
    [["help"], {}],
    [["--help"], {}],
    [["-V"], {}],
    [["prod", "-yf"], {}],
    [["prod", "--region", "eu-west-1"], {}],
    [["prod"], { AWSMFA_DEBUG: "1" }],
    [["prod"], { AWSMFA_DURATION: "1h" }],
    [["prod"], { AWSMFA_NOTIFY: "1" }],
    [["prod"], { AWSMFA_OTP_SOURCE: "ykman" }],
    [["credential-process"], {}],
    [["credential-process", "prod", "--force"], {}],
    [["credential-process", "-p", "prod"], {}],
    [["credential-process", "prod"], { AWSMFA_DURATION: "1h" }],
    [["prompt", "--template"], {}],
    [["prompt", "--template", ""], {}],
    [["prompt", "--help"], {}],
    [["prompt", "extra"], {}],
  ] as const)("%j with %j is left to the full CLI", (argv, env) => {
    expect(fastInvocation(argv, env)).toBeUndefined();
  });
});
