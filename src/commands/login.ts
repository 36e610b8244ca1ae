/**
 * awsmfa login [PROFILE...] (and the shorthand `awsmfa PROFILE`): an MFA session for each
 * profile, into the shell (wrapped / eval / direct; the first profile's) or in an explicit
 * --format, and into [PROFILE] of the credentials file when PROFILE is a session profile.
 */

import { localExpiration } from "../aws/clock-skew.ts";
import type { SessionCredentials } from "../aws/credentials.ts";
import { readAwsFiles } from "../config/aws-files.ts";
import { sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import { otpChooser } from "../otp/choose.ts";
import type { OtpLayer } from "../otp/settings.ts";
import { emitSession } from "../output/emit.ts";
import { confirmForeignKeys } from "../output/foreign-keys.ts";
import { fileIsTheResult, type LoginOutcome, reportLogins } from "../output/login-report.ts";
import { changesShell, OUTPUT_FORMATS } from "../output/mode.ts";
import { wantsFileWrite } from "../profiles/write-choice.ts";
import {
  prepareSessionWrite,
  writeSessionAlongside,
  writeSessionToFile,
} from "../profiles/write-session.ts";
import { getSession } from "../session/get-session.ts";
import { reportSession } from "../session/messages.ts";
import { oneCodePerDevice } from "../session/one-code.ts";
import { checkCmdValue, dotenvLine } from "../shell/index.ts";
import { type CommandContext, chooseOutputMode, type RunState } from "./context.ts";
import type { KnownLogin } from "./known-login.ts";
import { loginWordsFor } from "./login-command.ts";
import { commander } from "./options/commander.ts";
import { applyEnv, envOption } from "./options/env.ts";
import { chosenProfiles, profileOption, profileTyped } from "./options/profile.ts";
import {
  addSessionOptions,
  parseSessionOptions,
  type RawSessionOptions,
  type SessionOptions,
  sessionOtpLayers,
  sessionRequest,
} from "./options/session.ts";

/** The session options every session command shares, plus what only login does. */
export interface LoginOptions extends SessionOptions {
  /** Every profile to log in to, the first one first, without repeats; `profile` is the first. */
  profiles: string[];
  force: boolean;
  format: string | undefined;
  yes: boolean;
  /** --no-write: leave the credentials file alone. */
  noWrite: boolean;
  notify: boolean;
}

export function loginCommand({ deps, state }: CommandContext) {
  const { Command, Option } = commander();
  const command = new Command("login")
    .description("get an MFA session for a profile and put it in your shell (the default command)")
    .argument(
      "[profiles...]",
      "profiles to log in to; the shell gets the first (default: --profile, AWS_PROFILE, else default)",
    )
    .addOption(profileOption("profile to log in to"))
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
      state.exitCode = await runLogin(loginOptionsOf(positional, command, deps.env), deps, state);
    });
  addSessionOptions(command);
  return command;
}

/** The checked options of a parsed login command: the environment applied, then parseLogin. */
export function loginOptionsOf(
  positional: readonly string[] | string | undefined,
  command: ReturnType<typeof loginCommand>,
  env: Readonly<Record<string, string | undefined>>,
): LoginOptions {
  const profileFlag = profileTyped(command);
  applyEnv(command, env);
  const raw = command.opts();
  const otpLayers = sessionOtpLayers(command);
  return parseLogin({ ...raw, positional, profileFlag, otpLayers });
}

interface RawLogin extends RawSessionOptions {
  positional: readonly string[] | string | undefined;
  /** --profile, or AWS_PROFILE when not given on the command line. */
  profile?: string | undefined;
  /** Whether `profile` came from the command line. */
  profileFlag: boolean;
  force?: boolean | undefined;
  format?: string | undefined;
  yes?: boolean | undefined;
  /** The code-source flags and variables (otp/cli-options.ts). */
  otpLayers?: readonly OtpLayer[];
  /** false for --no-write */
  write?: boolean | undefined;
  notify?: boolean | undefined;
}

/**
 * The options commander makes of a line known-login.ts knows, without commander: the same
 * raw values, as applyEnv would fill them from the environment (only AWS_PROFILE and
 * AWSMFA_MIN_REMAINING can be set for such a line; empty is unset).
 */
export function knownLoginOptions(
  line: KnownLogin,
  env: Readonly<Record<string, string | undefined>>,
): LoginOptions {
  return parseLogin({
    positional: line.profile === undefined ? [] : [line.profile],
    profile: env.AWS_PROFILE || undefined,
    profileFlag: false,
    otp: line.otp,
    format: line.format,
    yes: line.yes,
    force: false,
    write: !line.noWrite,
    minRemaining: env.AWSMFA_MIN_REMAINING || undefined,
    otpLayers: [
      { kind: "flag", values: {} },
      { kind: "env", values: {} },
    ],
  });
}

/** Raw command-line values to checked options. Pure; throws UsageError. */
export function parseLogin(raw: RawLogin): LoginOptions {
  const named = typeof raw.positional === "string" ? [raw.positional] : (raw.positional ?? []);
  const profiles = chosenProfiles({ named, profile: raw.profile, profileFlag: raw.profileFlag });
  return {
    ...parseSessionOptions(profiles[0]!, raw, raw.otpLayers ?? []),
    profiles,
    force: raw.force === true,
    format: raw.format,
    yes: raw.yes === true,
    noWrite: raw.write === false,
    notify: raw.notify === true,
  };
}

export async function runLogin(
  options: LoginOptions,
  deps: Deps,
  state: RunState,
): Promise<number> {
  const mode = chooseOutputMode(options.format, deps, state);
  // Refused before any code is asked for: cmd.exe cannot hold every profile name.
  if (mode.kind === "explicit" && mode.format === "cmd")
    checkCmdValue("AWS_PROFILE", options.profile);
  // Nor can a dotenv file (both quote kinds, `${...}`): said before the code is spent. The
  // keys AWS sends are checked when they come (they are AWS's plain characters).
  if (mode.kind === "explicit" && mode.format === "dotenv")
    dotenvLine("AWS_PROFILE", options.profile);
  // --notify's timer and a role's base session load only for the logins that have them.
  const notify = options.notify
    ? (await import("./notify/schedule.ts")).notificationScheduler(deps)
    : undefined;
  const files = await readAwsFiles(deps);
  if (changesShell(mode)) await confirmForeignKeys(deps, options.yes);
  // Decided for every profile before any code is asked for, so a refusal costs no code.
  const writes = options.profiles.map((profile) =>
    wantsFileWrite(
      files,
      { profile, longTermProfile: options.longTermProfile, noWrite: options.noWrite },
      (name) => sectionState(files.credentialsText, name),
    ),
  );
  const obtained = new Map<string, SessionCredentials>();
  const otp = oneCodePerDevice(options.otp, otpChooser(options.otp, options.otpLayers, files));
  const outcomes: LoginOutcome[] = [];
  let first: Awaited<ReturnType<typeof getSession>> | undefined;
  for (const [index, profile] of options.profiles.entries()) {
    const inFile = writes[index] === true;
    // The edit of [profile] is made once while AWS answers, so that the one under the lock
    // runs warm, and the fsync's threads are started (profiles/write-session.ts prepareSessionWrite).
    const whileWaiting = inFile ? () => prepareSessionWrite(files, profile, deps) : undefined;
    // A new session goes into [profile] while the session cache is written (writeSessionAlongside).
    // The folder's fsync after the rename runs while the locks are released, and is waited
    // for before anything is said (its work overlapped, a login -0.3 to -1 ms of wall).
    let writtenAlong: boolean | undefined;
    let folderSynced: Promise<void> | undefined;
    const alongside = inFile
      ? async (session: SessionCredentials, keep: () => Promise<void>) => {
          writtenAlong = await writeSessionAlongside(files, profile, session, deps, keep, (p) => {
            folderSynced = p;
          });
        }
      : undefined;
    let result: Awaited<ReturnType<typeof getSession>>;
    try {
      result = await getSession(
        files,
        {
          ...sessionRequest({ ...options, profile }, files, options.force),
          otp,
          obtained,
          whileWaiting,
          alongside,
        },
        deps,
      );
    } finally {
      await folderSynced;
    }
    const written =
      writtenAlong ?? (inFile && (await writeSessionToFile(files, profile, result.session, deps)));
    // A role session never goes into the file (role_arn wins there); the MFA session it was
    // made from goes into its own profile, when that is the session side of a pair.
    if (result.role?.base) {
      const { writeBaseSession } = await import("../profiles/write-base-session.ts");
      await writeBaseSession(files, result.role.base, options.noWrite, deps);
    }
    reportSession(profile, result.session, result.reused, deps);
    outcomes.push({ profile, inFile, written });
    await notify?.(profile, localExpiration(result.session)); // its timer runs on our clock
    first ??= result;
  }
  if (first && !fileIsTheResult(mode, outcomes[0]!)) {
    const again = loginWordsFor(options.profile);
    emitSession(mode, first.session, first.context, again, deps);
  }
  reportLogins(mode, outcomes, files.paths.credentials, deps);
  return ExitCode.ok;
}
