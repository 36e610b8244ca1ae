/**
 * The cached session commands of the fast path: `awsmfa PROFILE` (login for the shell or in a
 * --format) and `credential-process PROFILE`, answered from the files and the session cache
 * by the same functions the full commands use (login.ts, credential-process.ts), in the same
 * order, so that what they print is the same. Whatever needs more (a new session, a role, a
 * write to the credentials file, a question on the terminal, direct mode) throws FallThrough.
 */
import { readAwsFiles } from "../../config/aws-files.ts";
import {
  DEFAULT_MIN_REMAINING_SECONDS,
  DEFAULT_SESSION_SECONDS,
  parseDuration,
} from "../../config/durations.ts";
import { sectionState } from "../../config/section-state.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode } from "../../errors.ts";
import { emitSession } from "../../output/emit.ts";
import { confirmForeignKeys } from "../../output/foreign-keys.ts";
import { fileIsTheResult, reportLogins } from "../../output/login-report.ts";
import { changesShell, outputMode } from "../../output/mode.ts";
import { credentialProcessJson } from "../../output/variables.ts";
import { wantsFileWrite } from "../../profiles/write-choice.ts";
import { lookUpSession } from "../../session/cached.ts";
import { fileHoldsSession } from "../../session/in-file.ts";
import { reportSession } from "../../session/messages.ts";
import { profileSessionDuration } from "../../session/profile-duration.ts";
import { requireKnownProfile } from "../../session/profile-exists.ts";
import type { SessionRequest, SessionResult } from "../../session/request.ts";
import { resolveRoleChain } from "../../session/roles/role-chain.ts";
import { checkCmdValue, dotenvLine } from "../../shell/index.ts";
import { terminalOnly } from "../../system/terminal-only.ts";
import { loginWordsFor } from "../login-command.ts";
import { FallThrough } from "./fall-through.ts";

type Files = Awaited<ReturnType<typeof readAwsFiles>>;

/**
 * The cached session of a plain (non-role) profile, as getSession finds it (the same checks in
 * the same order), from session/cached.ts alone: not the code that would ask AWS.
 */
async function cachedSession(files: Files, profile: string, deps: Deps): Promise<SessionResult> {
  const minRemaining = deps.env.AWSMFA_MIN_REMAINING;
  const request: SessionRequest = {
    profile,
    // Only for a new session, which the fast path never gets; checked as sessionRequest does.
    durationSeconds: profileSessionDuration(files, profile) ?? DEFAULT_SESSION_SECONDS,
    minRemainingSeconds: minRemaining
      ? parseDuration(minRemaining, "--min-remaining")
      : DEFAULT_MIN_REMAINING_SECONDS,
    force: false,
    otp: () => {
      throw new FallThrough("a new session is needed");
    },
  };
  requireKnownProfile(files, profile);
  // Roles: a cache miss would call AssumeRole before anything could fall through.
  if (resolveRoleChain(files, profile)) {
    throw new FallThrough("a role profile");
  }
  const { found } = await lookUpSession(files, request, deps);
  if (!found) throw new FallThrough("not a cached session");
  return found;
}

export async function fastLogin(
  options: { profile: string; format: string | undefined; noWrite: boolean; yes: boolean },
  deps: Deps,
): Promise<number> {
  const { profile } = options;
  const mode = outputMode({
    format: options.format,
    env: deps.env,
    stdoutIsTTY: deps.io.stdout.isTTY,
  });
  if (mode.kind === "direct") throw new FallThrough("direct mode");
  if (mode.kind === "explicit" && mode.format === "cmd") checkCmdValue("AWS_PROFILE", profile);
  // As in login.ts: a profile name dotenv cannot hold is refused before anything else.
  if (mode.kind === "explicit" && mode.format === "dotenv") dotenvLine("AWS_PROFILE", profile);
  const files = await readAwsFiles(deps);
  if (changesShell(mode)) await confirmForeignKeys(deps, options.yes);
  const inFile = wantsFileWrite(
    files,
    { profile, longTermProfile: undefined, noWrite: options.noWrite },
    (name) => sectionState(files.credentialsText, name),
  );
  const result = await cachedSession(files, profile, deps);
  if (inFile && !fileHoldsSession(files, profile, result.session)) {
    throw new FallThrough("the credentials file needs the session");
  }
  reportSession(profile, result.session, true, deps);
  const outcome = { profile, inFile, written: false };
  if (!fileIsTheResult(mode, outcome)) {
    emitSession(mode, result.session, result.context, loginWordsFor(profile), deps);
  }
  reportLogins(mode, [outcome], files.paths.credentials, deps);
  return ExitCode.ok;
}

export async function fastCredentialProcess(profile: string, deps: Deps): Promise<number> {
  const quiet = terminalOnly(deps);
  const files = await readAwsFiles(deps);
  const result = await cachedSession(files, profile, quiet);
  deps.io.stdout.write(credentialProcessJson(result.session));
  return ExitCode.ok;
}
