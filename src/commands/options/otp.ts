/**
 * The code-source flags, each backed by its environment variable, added to a command in one
 * call, and read back after parsing as two layers (command line, then environment) for
 * otp/resolve.ts. Any command that may need a new session can offer them.
 */
import type { Command } from "@commander-js/extra-typings";
import { UsageError } from "../../errors.ts";
import { checkFlagLayers } from "../../otp/resolve.ts";
import { OTP_SETTINGS, type OtpLayer, type OtpValues } from "../../otp/settings.ts";
import { envOption } from "./env.ts";

export const OTP_HELP_GROUP = "Code sources (see `awsmfa sources`):";

// biome-ignore lint/suspicious/noExplicitAny: any command, whatever its typed options
type AnyCommand = Command<any, any, any>;

/** Adds --otp-source, --op-item, ... --otp-timeout. Call before parsing. */
export function addOtpOptions(command: AnyCommand): void {
  for (const s of OTP_SETTINGS) {
    command.addOption(
      envOption(`${s.flag} ${s.value}`, s.description, s.env).helpGroup(OTP_HELP_GROUP),
    );
  }
}

/** After parsing and applyEnv: what the command line said, then what the environment said. */
export function otpLayersFrom(command: AnyCommand): OtpLayer[] {
  const flag: OtpValues = {};
  const env: OtpValues = {};
  for (const s of OTP_SETTINGS) {
    const attribute = attributeName(s.flag);
    const value = command.getOptionValue(attribute) as string | undefined;
    if (value === undefined) continue;
    const source = command.getOptionValueSource(attribute);
    if (source === "cli") flag[s.key] = value;
    else if (source === "env") env[s.key] = value;
  }
  return [
    { kind: "flag", values: flag },
    { kind: "env", values: env },
  ];
}

/** Commander's name for a flag's value: --op-item is opItem. */
function attributeName(flag: string): string {
  return flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Checks what can be checked before anything else happens (even when a cached session will
 * answer): --otp (a code) given together with a code-source flag, else a source name that does
 * not exist or a timeout that is not a duration. Returns the layers unchanged.
 */
export function checkOtpFlags(
  otpFlag: string | undefined,
  layers: readonly OtpLayer[],
): readonly OtpLayer[] {
  const flags = layers.find((l) => l.kind === "flag");
  const clashing = OTP_SETTINGS.filter((s) => s.key !== "timeout" && flags?.values[s.key]);
  if (otpFlag !== undefined && clashing.length > 0) {
    throw new UsageError(
      `--otp gives the code itself; it cannot be used with ${clashing[0]!.flag}.`,
      {
        hint: "Give either the code (--otp) or where to get it (--otp-source and its settings).",
      },
    );
  }
  // With a code given, no source is chosen, so what the environment says does not matter.
  if (otpFlag === undefined) checkFlagLayers(layers);
  return layers;
}

/** The environment layer alone, for commands without the flags (`awsmfa sources`). */
export function envLayer(env: Readonly<Record<string, string | undefined>>): OtpLayer {
  const values: OtpValues = {};
  for (const s of OTP_SETTINGS) {
    const value = env[s.env];
    if (value !== undefined && value !== "") values[s.key] = value;
  }
  return { kind: "env", values };
}
