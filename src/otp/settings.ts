/**
 * The settings that choose and configure a code source, in one table: each has a flag, an
 * environment variable and a config-file key. Values arrive in layers, highest first: the
 * command line, the environment, the profile, its long-term profile. Each key takes its value
 * from the highest layer that has one.
 */

import { printableInLine } from "../system/printable.ts";

export type OtpKey =
  | "source"
  | "timeout"
  | "opItem"
  | "opAccount"
  | "opVault"
  | "bwItem"
  | "ykmanAccount"
  | "ykmanDevice"
  | "passEntry"
  | "command";

export interface OtpSetting {
  key: OtpKey;
  /** The long flag, e.g. "--op-item". */
  flag: string;
  /** The flag's value placeholder, e.g. "<item>". */
  value: string;
  env: string;
  /** The key in ~/.aws/config (or credentials), e.g. "awsmfa_op_item". */
  config: string;
  description: string;
}

export const OTP_SETTINGS: readonly OtpSetting[] = [
  setting("source", "--otp-source", "<name>", "where MFA codes come from (`awsmfa sources`)"),
  setting("opItem", "--op-item", "<item>", "1Password item holding the one-time password"),
  setting("opAccount", "--op-account", "<account>", "1Password account (op --account)"),
  setting("opVault", "--op-vault", "<vault>", "1Password vault (op --vault)"),
  setting("bwItem", "--bw-item", "<item>", "Bitwarden item with the TOTP (BW_SESSION from env)"),
  setting("ykmanAccount", "--ykman-account", "<name>", "YubiKey OATH account"),
  setting("ykmanDevice", "--ykman-device", "<serial>", "YubiKey serial, when several are in"),
  setting("passEntry", "--pass-entry", "<entry>", "pass entry with an otpauth:// URI (pass-otp)"),
  setting("command", "--otp-command", "<command>", "a command that prints the code (no shell)"),
  setting(
    "timeout",
    "--otp-timeout",
    "<time>",
    "how long a code source, the code dialog or the code prompt may wait (default: 60s)",
  ),
];

/** Variable and config key follow from the flag: --op-item, AWSMFA_OP_ITEM, awsmfa_op_item. */
function setting(key: OtpKey, flag: string, value: string, description: string): OtpSetting {
  const snake = flag.slice(2).replaceAll("-", "_"); // not /-/g: it would compile in every run
  return {
    key,
    flag,
    value,
    env: `AWSMFA_${snake.toUpperCase()}`,
    config: `awsmfa_${snake}`,
    description,
  };
}

export function settingOf(key: OtpKey): OtpSetting {
  const found = OTP_SETTINGS.find((s) => s.key === key);
  if (!found) throw new Error(`unknown code-source setting ${key}`);
  return found;
}

export type OtpValues = Partial<Record<OtpKey, string>>;

/** One place values come from. */
export type OtpLayer =
  | { kind: "flag"; values: OtpValues }
  | { kind: "env"; values: OtpValues }
  | {
      kind: "config";
      values: OtpValues;
      profile: string;
      /** Where a person would add a key, e.g. "[profile prod] of /home/me/.aws/config". */
      section: string;
    };

export type LayerKind = OtpLayer["kind"];

export interface ResolvedValue {
  value: string;
  /** e.g. "--op-item", "AWSMFA_OP_ITEM", "awsmfa_op_item of profile prod" */
  from: string;
  layer: LayerKind;
}

/** How to name where a key's value came from, in messages. */
export function originOf(layer: OtpLayer, key: OtpKey): string {
  const s = settingOf(key);
  if (layer.kind === "flag") return s.flag;
  if (layer.kind === "env") return s.env;
  return `${s.config} of profile ${printableInLine(layer.profile)}`;
}

/** The value of `key` from the highest layer that has one. */
export function settingValue(layers: readonly OtpLayer[], key: OtpKey): ResolvedValue | undefined {
  for (const layer of layers) {
    const value = layer.values[key];
    if (value !== undefined && value.trim() !== "") {
      return { value: value.trim(), from: originOf(layer, key), layer: layer.kind };
    }
  }
  return undefined;
}

/** Every resolved value, for a source to read its own keys from. */
export function settingValues(layers: readonly OtpLayer[]): Partial<Record<OtpKey, ResolvedValue>> {
  const out: Partial<Record<OtpKey, ResolvedValue>> = {};
  for (const s of OTP_SETTINGS) {
    const value = settingValue(layers, s.key);
    if (value) out[s.key] = value;
  }
  return out;
}
