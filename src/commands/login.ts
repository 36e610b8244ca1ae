/**
 * awsmfa login [PROFILE] (and the shorthand `awsmfa PROFILE`): an MFA session for a profile,
 * into the shell (wrapped / eval / direct) or in an explicit --format.
 */
import { Command, Option } from "@commander-js/extra-typings";
import { applyEnv, envOption } from "../cli-env.ts";
import type { CommandContext, RunState } from "../command-context.ts";
import { readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { notificationScheduler } from "../notify/schedule.ts";
import { chooseOtpSource } from "../otp/choose.ts";
import { emitSession } from "../output/emit.ts";
import { confirmForeignKeys } from "../output/foreign-keys.ts";
import { changesShell, failureCode, OUTPUT_FORMATS, outputMode } from "../output/mode.ts";
import {
  checkSessionDuration,
  DEFAULT_SESSION_SECONDS,
  parseDuration,
} from "../session/duration.ts";
import { getSession } from "../session/get-session.ts";
import { reportSession } from "../session/messages.ts";

export interface LoginOptions {
  profile: string;
  longTermProfile: string | undefined;
  serial: string | undefined;
  otp: string | undefined;
  durationSeconds: number;
  minRemainingSeconds: number;
  region: string | undefined;
  force: boolean;
  format: string | undefined;
  yes: boolean;
  notify: boolean;
}

const DEFAULT_MIN_REMAINING_SECONDS = 15 * 60;

export function loginCommand({ deps, state }: CommandContext) {
  return new Command("login")
    .description("get an MFA session for a profile and put it in your shell (the default command)")
    .argument("[profile]", "profile to log in to (default: --profile, AWS_PROFILE, else default)")
    .addOption(envOption("-p, --profile <name>", "profile to log in to", "AWS_PROFILE"))
    .option(
      "--long-term-profile <name>",
      "profile holding the long-term keys (default: PROFILE-long-term, -mfa, -default, else PROFILE)",
    )
    .option(
      "--serial <arn>",
      "MFA device ARN or serial (default: mfa_serial of the profile, else looked up)",
    )
    .option(
      "--otp <code>",
      "the 6-digit code, or - to read one line from stdin (default: ask on the terminal)",
    )
    .addOption(
      envOption(
        "-d, --duration <time>",
        "session length: seconds or 15m, 1h, 12h, 36h (default: 12h)",
        "AWSMFA_DURATION",
      ),
    )
    .addOption(
      envOption(
        "--min-remaining <time>",
        "reuse a cached session only with more than this left (default: 15m)",
        "AWSMFA_MIN_REMAINING",
      ),
    )
    .option(
      "--region <region>",
      "region for STS (default: the profile's, AWS_REGION, or the device's partition)",
    )
    .option("-f, --force", "get a new session even if a cached one is still valid", false)
    .addOption(
      new Option(
        "--format <format>",
        "print the session in this format instead of for your shell",
      ).choices(OUTPUT_FORMATS),
    )
    .option("-y, --yes", "replace AWS keys already in the shell without asking", false)
    .addOption(
      envOption(
        "--notify",
        "desktop notification 10 minutes before the session expires, and when it has",
        "AWSMFA_NOTIFY",
      ),
    )
    .action(async (positional, _raw, command) => {
      const profileFlag = command.getOptionValueSource("profile") === "cli";
      applyEnv(command, deps.env);
      const raw = command.opts();
      const options = parseLogin({ ...raw, positional, profileFlag });
      state.exitCode = await runLogin(options, deps, state);
    });
}

interface RawLogin {
  positional: string | undefined;
  /** --profile, or AWS_PROFILE when not given on the command line. */
  profile?: string | undefined;
  /** Whether `profile` came from the command line. */
  profileFlag: boolean;
  longTermProfile?: string | undefined;
  serial?: string | undefined;
  otp?: string | undefined;
  duration?: string | undefined;
  minRemaining?: string | undefined;
  region?: string | undefined;
  force?: boolean | undefined;
  format?: string | undefined;
  yes?: boolean | undefined;
  notify?: boolean | undefined;
}

/** Raw command-line values to checked options. Pure; throws UsageError. */
export function parseLogin(raw: RawLogin): LoginOptions {
  if (raw.positional && raw.profileFlag && raw.profile && raw.positional !== raw.profile) {
    throw new UsageError(
      `Two profiles given: "${raw.positional}" and --profile "${raw.profile}".`,
      {
        hint: "Name the profile once.",
      },
    );
  }
  const profile = raw.positional || raw.profile || "default";
  const durationSeconds = checkSessionDuration(
    raw.duration === undefined
      ? DEFAULT_SESSION_SECONDS
      : parseDuration(raw.duration, "--duration"),
  );
  const minRemainingSeconds =
    raw.minRemaining === undefined
      ? DEFAULT_MIN_REMAINING_SECONDS
      : parseDuration(raw.minRemaining, "--min-remaining");
  return {
    profile,
    longTermProfile: raw.longTermProfile,
    serial: raw.serial,
    otp: raw.otp,
    durationSeconds,
    minRemainingSeconds,
    region: raw.region,
    force: raw.force === true,
    format: raw.format,
    yes: raw.yes === true,
    notify: raw.notify === true,
  };
}

export async function runLogin(
  options: LoginOptions,
  deps: Deps,
  state: RunState,
): Promise<number> {
  const mode = outputMode({
    format: options.format,
    env: deps.env,
    stdoutIsTTY: deps.io.stdout.isTTY,
  });
  state.failureStdout = failureCode(mode);
  const notify = options.notify ? notificationScheduler(deps) : undefined;
  const files = await readAwsFiles(deps);
  if (changesShell(mode)) await confirmForeignKeys(deps, options.yes);
  const result = await getSession(
    files,
    {
      profile: options.profile,
      longTermProfile: options.longTermProfile,
      serial: options.serial,
      region: options.region,
      durationSeconds: options.durationSeconds,
      minRemainingSeconds: options.minRemainingSeconds,
      force: options.force,
      otp: () => chooseOtpSource(options.otp),
    },
    deps,
  );
  emitSession(mode, result.session, result.context, `awsmfa ${options.profile}`, deps);
  reportSession(options.profile, result.session, result.reused, deps);
  await notify?.(options.profile, result.session.expiration);
  return ExitCode.ok;
}
