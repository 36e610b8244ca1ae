/** The code-source flags, variables and config keys: one table, read back as layers. */
import { describe, expect, test } from "bun:test";
import { Command } from "@commander-js/extra-typings";
import { applyEnv } from "../../../src/commands/options/env.ts";
import {
  addOtpOptions,
  checkOtpFlags,
  envLayer,
  otpLayersFrom,
} from "../../../src/commands/options/otp.ts";
import { UsageError } from "../../../src/errors.ts";
import { OTP_SETTINGS } from "../../../src/otp/settings.ts";

function parse(argv: string[], env: Record<string, string> = {}) {
  const command = new Command("login").exitOverride();
  addOtpOptions(command);
  command.parse(argv, { from: "user" });
  applyEnv(command, env);
  return otpLayersFrom(command);
}

describe("code-source settings", () => {
  test("the documented names: flag, variable and config key of each setting", () => {
    expect(OTP_SETTINGS.map((s) => [s.flag, s.env, s.config])).toEqual([
      ["--otp-source", "AWSMFA_OTP_SOURCE", "awsmfa_otp_source"],
      ["--op-item", "AWSMFA_OP_ITEM", "awsmfa_op_item"],
      ["--op-account", "AWSMFA_OP_ACCOUNT", "awsmfa_op_account"],
      ["--op-vault", "AWSMFA_OP_VAULT", "awsmfa_op_vault"],
      ["--bw-item", "AWSMFA_BW_ITEM", "awsmfa_bw_item"],
      ["--ykman-account", "AWSMFA_YKMAN_ACCOUNT", "awsmfa_ykman_account"],
      ["--ykman-device", "AWSMFA_YKMAN_DEVICE", "awsmfa_ykman_device"],
      ["--pass-entry", "AWSMFA_PASS_ENTRY", "awsmfa_pass_entry"],
      ["--otp-command", "AWSMFA_OTP_COMMAND", "awsmfa_otp_command"],
      ["--otp-timeout", "AWSMFA_OTP_TIMEOUT", "awsmfa_otp_timeout"],
    ]);
  });

  test("flags become the first layer, variables the second; a flag hides its variable", () => {
    const layers = parse(["--op-item", "From flag", "--otp-timeout", "5s"], {
      AWSMFA_OP_ITEM: "From env",
      AWSMFA_OP_VAULT: "Vault from env",
      AWSMFA_OTP_COMMAND: "mycode x",
    });
    expect(layers).toEqual([
      { kind: "flag", values: { opItem: "From flag", timeout: "5s" } },
      { kind: "env", values: { opVault: "Vault from env", command: "mycode x" } },
    ]);
  });

  test("envLayer reads the same variables without a command", () => {
    expect(
      envLayer({ AWSMFA_OTP_SOURCE: "pass", AWSMFA_PASS_ENTRY: "e", AWSMFA_OP_ITEM: "" }),
    ).toEqual({ kind: "env", values: { source: "pass", passEntry: "e" } });
  });

  test("the help lists them in their own group, each with its variable", () => {
    const command = new Command("login");
    addOtpOptions(command);
    const help = command.helpInformation();
    expect(help).toContain("Code sources (see `awsmfa sources`):");
    for (const s of OTP_SETTINGS) expect(help).toContain(s.flag);
    expect(help.replace(/\s+/g, " ")).toContain("[env: AWSMFA_YKMAN_DEVICE]");
  });
});

describe("checkOtpFlags", () => {
  test("--otp with a code-source flag is refused; with --otp-timeout or variables it is fine", () => {
    expect(() => checkOtpFlags("123456", parse(["--bw-item", "x"]))).toThrow(
      "--otp gives the code itself; it cannot be used with --bw-item.",
    );
    expect(
      checkOtpFlags("123456", parse(["--otp-timeout", "3s"], { AWSMFA_OP_ITEM: "x" })),
    ).toHaveLength(2);
    // With a code given no source is chosen, so the environment is not even checked.
    expect(checkOtpFlags("-", parse([], { AWSMFA_OTP_SOURCE: "keepass" }))).toHaveLength(2);
  });

  test("an unknown source or a bad timeout on the command line or in the environment is a usage error", () => {
    for (const [argv, env] of [
      [["--otp-source", "keepass"], {}],
      [[], { AWSMFA_OTP_SOURCE: "keepass" }],
      [["--otp-timeout", "later"], {}],
      [[], { AWSMFA_OTP_TIMEOUT: "-1" }],
    ] as const) {
      expect(() => checkOtpFlags(undefined, parse([...argv], env))).toThrow(UsageError);
    }
  });
});
