/**
 * The session options that exec, credential-process and console share with login: the same
 * flags, environment variables and defaults, so a profile behaves the same in every command.
 */
import type { Command, Option } from "@commander-js/extra-typings";
import type { AwsFiles } from "../../config/aws-files.ts";
import {
  checkSessionDuration,
  DEFAULT_MIN_REMAINING_SECONDS,
  DEFAULT_SESSION_SECONDS,
  parseDuration,
} from "../../config/durations.ts";
import { otpChooser } from "../../otp/choose.ts";
import { OTP_SETTINGS, type OtpLayer } from "../../otp/settings.ts";
import { profileSessionDuration } from "../../session/profile-duration.ts";
import type { SessionRequest } from "../../session/request.ts";
import { commander } from "./commander.ts";
import { applyEnv, envOption } from "./env.ts";
import { addOtpOptions, checkOtpFlags, otpLayersFrom } from "./otp.ts";
import { parseRoleDuration, roleDurationOption } from "./role-duration.ts";

export interface SessionOptions {
  profile: string;
  longTermProfile: string | undefined;
  serial: string | undefined;
  otp: string | undefined;
  durationSeconds: number;
  /**
   * Whether --duration or AWSMFA_DURATION gave durationSeconds; when not, an MFA profile's own
   * duration_seconds comes first (flag > env > profile > default).
   */
  durationGiven?: boolean;
  roleDurationSeconds: number | undefined;
  minRemainingSeconds: number;
  region: string | undefined;
  /** The code-source flags and variables (otp/cli-options.ts). */
  otpLayers: readonly OtpLayer[];
}

/** What commander collects for the options below (after applyEnv). */
export interface RawSessionOptions {
  longTermProfile?: string | undefined;
  serial?: string | undefined;
  otp?: string | undefined;
  duration?: string | undefined;
  roleDuration?: string | undefined;
  minRemaining?: string | undefined;
  region?: string | undefined;
}

export function sessionOptionList(): Option[] {
  const { Option } = commander();
  return [
    new Option(
      "--long-term-profile <name>",
      "profile holding the long-term keys (default: PROFILE-long-term, -mfa, -default, else PROFILE)",
    ),
    new Option("--serial <arn>", "MFA device ARN or serial (default: mfa_serial, else looked up)"),
    new Option(
      "--otp <code>",
      "the 6-digit code, or - to read one line from stdin (default: the profile's code source, else ask on the terminal)",
    ),
    envOption(
      "-d, --duration <time>",
      "MFA session length: seconds or 15m, 1h, 12h, 36h (default: duration_seconds of an MFA profile, else 12h)",
      "AWSMFA_DURATION",
    ),
    roleDurationOption(),
    envOption(
      "--min-remaining <time>",
      "reuse a cached session only with more than this left (default: 15m)",
      "AWSMFA_MIN_REMAINING",
    ),
    new Option("--region <region>", "region for STS (default: the profile's, AWS_REGION, ...)"),
  ];
}

/** Adds the shared options, and the code-source options, to a command. */
// biome-ignore lint/suspicious/noExplicitAny: any commander command.
export function addSessionOptions<C extends Command<any, any, any>>(command: C): C {
  for (const option of sessionOptionList()) command.addOption(option);
  addOtpOptions(command);
  return command;
}

/** The code-source layers of a parsed command (after applyEnv). */
// biome-ignore lint/suspicious/noExplicitAny: any commander command.
export function sessionOtpLayers(command: Command<any, any, any>): OtpLayer[] {
  return otpLayersFrom(command);
}

/**
 * The checked options of a command whose flags are the session options alone (credential-
 * process, keys rotate): the environment applied, then parseSessionOptions.
 */
export function sessionOptionsOf(
  profile: string,
  // biome-ignore lint/suspicious/noExplicitAny: any commander command.
  command: Command<any, any, any>,
  env: Readonly<Record<string, string | undefined>>,
): SessionOptions {
  applyEnv(command, env);
  return parseSessionOptions(
    profile,
    command.opts() as RawSessionOptions,
    sessionOtpLayers(command),
  );
}

/** Raw values to checked options. Pure; throws UsageError. */
export function parseSessionOptions(
  profile: string,
  raw: RawSessionOptions,
  otpLayers: readonly OtpLayer[] = [],
): SessionOptions {
  return {
    profile,
    longTermProfile: raw.longTermProfile,
    serial: raw.serial,
    otp: raw.otp,
    durationSeconds: checkSessionDuration(
      raw.duration === undefined
        ? DEFAULT_SESSION_SECONDS
        : parseDuration(raw.duration, "--duration"),
    ),
    durationGiven: raw.duration !== undefined,
    roleDurationSeconds: parseRoleDuration(raw.roleDuration),
    minRemainingSeconds:
      raw.minRemaining === undefined
        ? DEFAULT_MIN_REMAINING_SECONDS
        : parseDuration(raw.minRemaining, "--min-remaining"),
    region: raw.region,
    otpLayers: checkOtpFlags(raw.otp, otpLayers),
  };
}

export function sessionRequest(
  options: SessionOptions,
  files: AwsFiles,
  force = false,
): SessionRequest {
  return {
    profile: options.profile,
    longTermProfile: options.longTermProfile,
    serial: options.serial,
    region: options.region,
    durationSeconds: options.durationGiven
      ? options.durationSeconds
      : (profileSessionDuration(files, options.profile) ?? options.durationSeconds),
    roleDurationSeconds: options.roleDurationSeconds,
    minRemainingSeconds: options.minRemainingSeconds,
    force,
    otp: otpChooser(options.otp, options.otpLayers, files),
  };
}

/** The code-source flags given on the command line, to hand on to a helper process. */
export function otpFlagArgs(layers: readonly OtpLayer[]): string[] {
  const flags = layers.find((layer) => layer.kind === "flag")?.values ?? {};
  return OTP_SETTINGS.flatMap((s) => (flags[s.key] === undefined ? [] : [s.flag, flags[s.key]!]));
}
