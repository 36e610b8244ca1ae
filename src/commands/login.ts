/**
 * awsmfa login [PROFILE...] (and the shorthand `awsmfa PROFILE`): an MFA session for each
 * profile, into the shell (wrapped / eval / direct; the first profile's) or in an explicit
 * --format, and into [PROFILE] of the credentials file when PROFILE is a session profile.
 */
import { Command, Option } from "@commander-js/extra-typings";
import type { SessionCredentials } from "../aws/credentials.ts";
import { applyEnv, envOption } from "../cli-env.ts";
import type { CommandContext, RunState } from "../command-context.ts";
import { readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { notificationScheduler } from "../notify/schedule.ts";
import { chooseOtpSource } from "../otp/choose.ts";
import { addOtpOptions, checkOtpFlags, otpLayersFrom } from "../otp/cli-options.ts";
import type { OtpLayer } from "../otp/settings.ts";
import { emitSession, loginWords } from "../output/emit.ts";
import { confirmForeignKeys } from "../output/foreign-keys.ts";
import { changesShell, failureCode, OUTPUT_FORMATS, outputMode } from "../output/mode.ts";
import { fileIsTheResult, type LoginOutcome, reportLogins } from "../profiles/login-report.ts";
import { oneCodePerDevice } from "../profiles/one-code.ts";
import { writeBaseSession } from "../profiles/write-base-session.ts";
import { wantsFileWrite, writeSessionToFile } from "../profiles/write-session.ts";
import { parseRoleDuration, roleDurationOption } from "../roles/role-duration-option.ts";
import {
  checkSessionDuration,
  DEFAULT_SESSION_SECONDS,
  parseDuration,
} from "../session/duration.ts";
import { getSession } from "../session/get-session.ts";
import { reportSession } from "../session/messages.ts";
import { commandWords } from "./index.ts";

export interface LoginOptions {
  /** The first profile named: the one the shell gets. */
  profile: string;
  /** Every profile to log in to, the first one first, without repeats. */
  profiles: string[];
  longTermProfile: string | undefined;
  serial: string | undefined;
  otp: string | undefined;
  durationSeconds: number;
  roleDurationSeconds: number | undefined;
  minRemainingSeconds: number;
  region: string | undefined;
  force: boolean;
  format: string | undefined;
  yes: boolean;
  otpLayers: readonly OtpLayer[];
  /** --no-write: leave the credentials file alone. */
  noWrite: boolean;
  notify: boolean;
}

const DEFAULT_MIN_REMAINING_SECONDS = 15 * 60;

export function loginCommand({ deps, state }: CommandContext) {
  const command = new Command("login")
    .description("get an MFA session for a profile and put it in your shell (the default command)")
    .argument(
      "[profiles...]",
      "profiles to log in to; the shell gets the first (default: --profile, AWS_PROFILE, else default)",
    )
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
      "the 6-digit code, or - to read one line from stdin (default: the profile's code source, else ask on the terminal)",
    )
    .addOption(
      envOption(
        "-d, --duration <time>",
        "session length: seconds or 15m, 1h, 12h, 36h (default: 12h)",
        "AWSMFA_DURATION",
      ),
    )
    .addOption(roleDurationOption())
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
    .option("--no-write", "do not write the session into the profile in ~/.aws/credentials")
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
      const otpLayers = otpLayersFrom(command);
      const options = parseLogin({ ...raw, positional, profileFlag, otpLayers });
      state.exitCode = await runLogin(options, deps, state);
    });
  addOtpOptions(command);
  return command;
}

interface RawLogin {
  positional: readonly string[] | string | undefined;
  /** --profile, or AWS_PROFILE when not given on the command line. */
  profile?: string | undefined;
  /** Whether `profile` came from the command line. */
  profileFlag: boolean;
  longTermProfile?: string | undefined;
  serial?: string | undefined;
  otp?: string | undefined;
  duration?: string | undefined;
  roleDuration?: string | undefined;
  minRemaining?: string | undefined;
  region?: string | undefined;
  force?: boolean | undefined;
  format?: string | undefined;
  yes?: boolean | undefined;
  /** The code-source flags and variables (otp/cli-options.ts). */
  otpLayers?: readonly OtpLayer[];
  /** false for --no-write */
  write?: boolean | undefined;
  notify?: boolean | undefined;
}

/** Raw command-line values to checked options. Pure; throws UsageError. */
export function parseLogin(raw: RawLogin): LoginOptions {
  const named = [
    ...new Set(typeof raw.positional === "string" ? [raw.positional] : (raw.positional ?? [])),
  ].filter((name) => name !== "");
  const conflict = named.find((name) => name !== raw.profile);
  if (conflict && raw.profileFlag && raw.profile) {
    throw new UsageError(`Two profiles given: "${conflict}" and --profile "${raw.profile}".`, {
      hint: "Name the profiles as arguments, or one with --profile.",
    });
  }
  const profiles = named.length > 0 ? named : [raw.profile || "default"];
  const profile = profiles[0]!;
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
    profiles,
    longTermProfile: raw.longTermProfile,
    serial: raw.serial,
    otp: raw.otp,
    durationSeconds,
    roleDurationSeconds: parseRoleDuration(raw.roleDuration),
    minRemainingSeconds,
    region: raw.region,
    force: raw.force === true,
    format: raw.format,
    yes: raw.yes === true,
    otpLayers: checkOtpFlags(raw.otp, raw.otpLayers ?? []),
    noWrite: raw.write === false,
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
  // Decided for every profile before any code is asked for, so a refusal costs no code.
  const writes = options.profiles.map((profile) =>
    wantsFileWrite(files, {
      profile,
      longTermProfile: options.longTermProfile,
      noWrite: options.noWrite,
    }),
  );
  const obtained = new Map<string, SessionCredentials>();
  const otp = oneCodePerDevice(options.otp, (plan) =>
    chooseOtpSource(options.otp, {
      layers: options.otpLayers,
      files,
      profiles: [plan.profile, plan.longTerm.profile],
    }),
  );
  const outcomes: LoginOutcome[] = [];
  let first: Awaited<ReturnType<typeof getSession>> | undefined;
  for (const [index, profile] of options.profiles.entries()) {
    const result = await getSession(
      files,
      {
        profile,
        longTermProfile: options.longTermProfile,
        serial: options.serial,
        region: options.region,
        durationSeconds: options.durationSeconds,
        minRemainingSeconds: options.minRemainingSeconds,
        force: options.force,
        otp,
        obtained,
        roleDurationSeconds: options.roleDurationSeconds,
      },
      deps,
    );
    const inFile = writes[index] === true;
    const written = inFile && (await writeSessionToFile(files, profile, result.session, deps));
    // A role session never goes into the file (role_arn wins there); the MFA session it was
    // made from goes into its own profile, when that is the session side of a pair.
    if (result.role?.base) await writeBaseSession(files, result.role.base, options.noWrite, deps);
    reportSession(profile, result.session, result.reused, deps);
    outcomes.push({ profile, inFile, written });
    await notify?.(profile, result.session.expiration);
    first ??= result;
  }
  if (first && !fileIsTheResult(mode, outcomes[0]!)) {
    const again = loginWords(options.profile, commandWords().all);
    emitSession(mode, first.session, first.context, again, deps);
  }
  reportLogins(mode, outcomes, files.paths.credentials, deps);
  return ExitCode.ok;
}
