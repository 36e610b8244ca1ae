/**
 * awsmfa logout [PROFILE | --all]: forgets a profile's session. The session keys and
 * `expiration` leave [PROFILE] of the credentials file (the section and everything else in it
 * stay), the cached session is deleted, and, through the shell function (logout is an eval
 * command), the shell's session variables are unset when they were that profile's.
 */
import { Command, Option } from "@commander-js/extra-typings";
import { type AwsFiles, readAwsFiles } from "../config/aws-files.ts";
import { sectionState } from "../config/section-state.ts";
import type { Deps } from "../deps.ts";
import { ExitCode, UsageError } from "../errors.ts";
import { emitUnset } from "../output/emit.ts";
import { forgetAllCachedSessions, forgetCachedSession } from "../profiles/forget-cached.ts";
import { removeSessionsFromFile } from "../profiles/remove-session.ts";
import { cachedSessionNames } from "../profiles/session-status.ts";
import { keysInEnv } from "../session/in-env.ts";
import { sessionInFile } from "../session/in-file.ts";
import { requireKnownProfile } from "../session/profile-exists.ts";
import { EXPORT_FORMATS } from "../shell/index.ts";
import { printableInLine } from "../system/printable.ts";
import { type CommandContext, chooseOutputMode, type RunState } from "./context.ts";
import { cancelNotifications } from "./notify/schedule.ts";
import { applyEnv } from "./options/env.ts";
import { chosenProfile, profileOption, profileTyped } from "./options/profile.ts";

export interface LogoutOptions {
  /** The profile to log out of; undefined with --all. */
  profile: string | undefined;
  all: boolean;
  format: string | undefined;
}

export function logoutCommand({ deps, state }: CommandContext) {
  return new Command("logout")
    .description(
      "remove a profile's session from ~/.aws/credentials, the cache and your shell (keeps the section)",
    )
    .argument("[profile]", "profile to log out of (default: --profile, AWS_PROFILE, else default)")
    .addOption(profileOption("profile to log out of"))
    .option(
      "-a, --all",
      "log out of every profile that holds a session, and empty the cache",
      false,
    )
    .addOption(
      new Option("--format <format>", "print unset lines for this shell").choices(EXPORT_FORMATS),
    )
    .action(async (positional, _raw, command) => {
      const flag = profileTyped(command);
      applyEnv(command, deps.env);
      const raw = command.opts();
      const options = parseLogout({ ...raw, positional, profileFlag: flag });
      state.exitCode = await runLogout(options, deps, state);
    });
}

interface RawLogout {
  positional: string | undefined;
  profile?: string | undefined;
  profileFlag: boolean;
  all?: boolean | undefined;
  format?: string | undefined;
}

export function parseLogout(raw: RawLogout): LogoutOptions {
  const all = raw.all === true;
  if (all && (raw.positional || raw.profileFlag)) {
    throw new UsageError("Name a profile or use --all, not both.", {
      hint: "awsmfa logout prod, or awsmfa logout --all",
    });
  }
  const profile = chosenProfile(raw.positional, raw);
  return {
    profile: all ? undefined : profile,
    all,
    format: raw.format,
  };
}

export async function runLogout(
  options: LogoutOptions,
  deps: Deps,
  state: RunState,
): Promise<number> {
  const mode = chooseOutputMode(options.format, deps, state);
  const files = await readAwsFiles(deps);
  if (options.profile !== undefined) requireKnownProfile(files, options.profile);
  const profiles = options.profile !== undefined ? [options.profile] : sessionProfiles(files);
  const forgottenKeys = new Set<string>();
  const say = (line: string) => deps.io.stderr.write(`${line}\n`);
  // One locked read, edit and write for all of them (--all used to rewrite the file per
  // profile), and one listing of the cache folder instead of one open per profile.
  const outcomes = await removeSessionsFromFile(
    files.paths.credentials,
    files.credentialsText,
    profiles,
    deps,
  );
  const cachedNames = options.all ? await cachedSessionNames(deps) : undefined;
  for (const profile of profiles) {
    const inFile = sessionInFile(files, profile)?.accessKeyId;
    const held = outcomes.get(profile)!;
    // Each message is one line: a tab or line break in the name is shown escaped.
    const shown = printableInLine(profile);
    if (held === "session") {
      if (inFile) forgottenKeys.add(inFile);
      say(
        `Removed the session of ${shown} from [${shown}] in ${printableInLine(files.paths.credentials)}`,
      );
    } else if (held === "long-term") {
      say(`[${shown}] holds long-term keys, not a session; left them as they are.`);
    }
    const cached = await forgetCachedSession(files, profile, deps, cachedNames);
    if (cached !== undefined) {
      forgottenKeys.add(cached);
      say(`Deleted the cached session of ${shown}`);
    }
    if (held !== "session" && cached === undefined) say(`${shown} had no session to remove.`);
  }
  if (options.all) {
    const count = await forgetAllCachedSessions(deps);
    if (count > 0) say(`Deleted ${count} cached session${count === 1 ? "" : "s"}`);
    if (profiles.length === 0 && count === 0) say("There were no sessions to remove.");
  }
  // The --notify timers of these sessions would only announce an expiry that no longer matters.
  const stopped = options.all
    ? await cancelNotifications(deps)
    : (await Promise.all(profiles.map((profile) => cancelNotifications(deps, profile)))).reduce(
        (sum, n) => sum + n,
        0,
      );
  if (stopped > 0) say(`Cancelled ${stopped} expiry notification${stopped === 1 ? "" : "s"}`);
  if (shellHoldsOne(deps.env, options.all, profiles, forgottenKeys)) {
    emitUnset(mode, deps);
    if (mode.kind === "wrapped" || mode.kind === "eval") {
      say("Removed the AWS session variables from this shell.");
    }
  }
  return ExitCode.ok;
}

/** Profiles of the credentials file that hold a session. */
function sessionProfiles(files: AwsFiles): string[] {
  return [...files.credentials.keys()].filter(
    (profile) => sectionState(files.credentialsText, profile) === "session",
  );
}

/** Whether the shell's variables are a session that was just logged out of. */
function shellHoldsOne(
  env: Deps["env"],
  all: boolean,
  profiles: readonly string[],
  forgottenKeys: ReadonlySet<string>,
): boolean {
  const inEnv = keysInEnv(env);
  if (inEnv.accessKeyId === undefined || !inEnv.isSession) return false;
  if (all) return true;
  return profiles.includes(env.AWS_PROFILE ?? "") || forgottenKeys.has(inEnv.accessKeyId);
}
