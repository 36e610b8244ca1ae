/** Which source a login uses, from layers of settings: precedence, inference, errors. Pure. */
import { describe, expect, test } from "bun:test";
import { ExitCode, exitCodeFor, UserError } from "../../src/errors.ts";
import { DEFAULT_TIMEOUT_MS, resolveSource } from "../../src/otp/resolve.ts";
import type { OtpLayer, OtpValues } from "../../src/otp/settings.ts";

const flag = (values: OtpValues): OtpLayer => ({ kind: "flag", values });
const env = (values: OtpValues): OtpLayer => ({ kind: "env", values });
const config = (profile: string, values: OtpValues): OtpLayer => ({
  kind: "config",
  values,
  profile,
  section: `[profile ${profile}] of /home/me/.aws/config`,
});

function failure(layers: OtpLayer[]): { message: string; hint: string; exit: number } {
  try {
    resolveSource(layers);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { message: error.message, hint: error.hint ?? "", exit: exitCodeFor(error) };
  }
  throw new Error("expected resolveSource to fail");
}

describe("resolveSource: which source", () => {
  test.each<[string, OtpLayer[], string, string]>([
    ["nothing said: the prompt", [flag({}), env({}), config("prod", {})], "prompt", "default"],
    [
      "named in the profile",
      [config("prod", { source: "1password", opItem: "AWS" })],
      "1password",
      "awsmfa_otp_source of profile prod",
    ],
    [
      "an alias",
      [config("prod", { source: "YubiKey", ykmanAccount: "aws" })],
      "ykman",
      "awsmfa_otp_source of profile prod",
    ],
    [
      "implied by its item",
      [config("prod", { bwItem: "AWS" })],
      "bitwarden",
      "awsmfa_bw_item of profile prod",
    ],
    [
      "the flag beats the environment and the profile",
      [
        flag({ source: "pass", passEntry: "aws" }),
        env({ source: "bw", bwItem: "x" }),
        config("prod", { source: "ykman" }),
      ],
      "pass",
      "--otp-source",
    ],
    [
      "the environment beats the profile",
      [flag({}), env({ source: "bw", bwItem: "x" }), config("prod", { source: "ykman" })],
      "bitwarden",
      "AWSMFA_OTP_SOURCE",
    ],
    [
      "an item on the command line beats a source named in the profile",
      [flag({ opItem: "AWS" }), config("prod", { source: "ykman", ykmanAccount: "a" })],
      "1password",
      "--op-item",
    ],
    [
      "the profile beats its long-term profile",
      [
        config("prod", { command: "mycode" }),
        config("prod-long-term", { source: "pass", passEntry: "e" }),
      ],
      "command",
      "awsmfa_otp_command of profile prod",
    ],
    [
      "the long-term profile counts when the profile says nothing",
      [config("prod", {}), config("prod-long-term", { source: "pass", passEntry: "e" })],
      "pass",
      "awsmfa_otp_source of profile prod-long-term",
    ],
    [
      "secondary settings never imply a source",
      [env({ ykmanDevice: "123", opVault: "Work" }), config("prod", { passEntry: "e" })],
      "pass",
      "awsmfa_pass_entry of profile prod",
    ],
    [
      "prompt can be chosen against the profile",
      [flag({ source: "prompt" }), config("prod", { opItem: "x" })],
      "prompt",
      "--otp-source",
    ],
  ])("%s", (_, layers, kind, from) => {
    const choice = resolveSource(layers);
    expect(choice.kind.name).toBe(kind);
    expect(choice.from).toBe(from);
  });
});

describe("resolveSource: settings", () => {
  test("each setting from the highest layer that has it, with where it came from", () => {
    const choice = resolveSource([
      flag({ opVault: "Flagged" }),
      env({ opAccount: "env.1password.com" }),
      config("prod", { source: "1password" }),
      config("prod-long-term", { opItem: "AWS", opVault: "Shadowed" }),
    ]);
    expect(choice.settings.values.opItem).toEqual({
      value: "AWS",
      from: "awsmfa_op_item of profile prod-long-term",
      layer: "config",
    });
    expect(choice.settings.values.opVault?.value).toBe("Flagged");
    expect(choice.settings.values.opAccount?.from).toBe("AWSMFA_OP_ACCOUNT");
    expect(choice.settings.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
  });

  test.each([
    ["90", 90_000],
    ["2m", 120_000],
    ["1s", 1000],
  ])("a timeout of %s is %d ms", (given, ms) => {
    expect(resolveSource([config("p", { timeout: given })]).settings.timeoutMs).toBe(ms);
  });

  test("blank values count as not given", () => {
    const choice = resolveSource([
      flag({ source: "  ", opItem: "" }),
      config("p", { bwItem: "B" }),
    ]);
    expect(choice.kind.name).toBe("bitwarden");
  });
});

describe("resolveSource: errors name what to fix", () => {
  test.each<[string, OtpLayer[], number, string, string]>([
    [
      "a source named in the profile without its item",
      [config("prod", { source: "1password" })],
      ExitCode.config,
      "Profile prod takes its MFA codes from 1password (awsmfa_otp_source of profile prod), but does not name the 1Password item that holds the one-time password.",
      "Set awsmfa_op_item = ... in [profile prod] of /home/me/.aws/config, or pass --op-item <item>.",
    ],
    [
      "a source named by flag without its item",
      [flag({ source: "ykman" })],
      ExitCode.usage,
      "--otp-source ykman needs the OATH account on the YubiKey.",
      "Pass --ykman-account <name>, or set AWSMFA_YKMAN_ACCOUNT, or awsmfa_ykman_account in the profile.",
    ],
    [
      "an unknown source in the profile",
      [config("prod", { source: "keepass" })],
      ExitCode.config,
      '"keepass" (awsmfa_otp_source of profile prod) is not a code source.',
      "Use one of: prompt, dialog, 1password, bitwarden, ykman, pass, command.",
    ],
    [
      "argument and stdin are not names (they come from --otp)",
      [flag({ source: "stdin" })],
      ExitCode.usage,
      '"stdin" (--otp-source) is not a code source.',
      "--otp - for stdin",
    ],
    [
      "items of two sources in one layer",
      [env({ opItem: "a", passEntry: "b" })],
      ExitCode.usage,
      "AWSMFA_OP_ITEM and AWSMFA_PASS_ENTRY name items of 2 code sources; awsmfa will not guess which to use.",
      "Say which with AWSMFA_OTP_SOURCE (1password or pass).",
    ],
    [
      "a timeout that is no duration",
      [config("prod", { timeout: "a while" })],
      ExitCode.config,
      'awsmfa_otp_timeout of profile prod "a while" is not a duration.',
      "15m",
    ],
    [
      "a zero timeout",
      [flag({ timeout: "0" })],
      ExitCode.usage,
      "--otp-timeout must be at least 1 second.",
      "60s",
    ],
  ])("%s", (_, layers, exit, message, hint) => {
    const f = failure(layers);
    expect(f.message).toBe(message);
    expect(f.hint).toContain(hint);
    expect(f.exit).toBe(exit);
  });
});
