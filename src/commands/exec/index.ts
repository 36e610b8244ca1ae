/**
 * awsmfa exec PROFILE -- COMMAND [ARGS...]: runs a program with a session for PROFILE in its
 * environment (the variables a login sets, plus AWSMFA_EXEC=PROFILE). The program shares the
 * terminal; its exit status is awsmfa's; Ctrl-C and signals sent to awsmfa reach it.
 */
import { Command } from "@commander-js/extra-typings";
import { type AwsFiles, profileValue, readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { pasteableCommand, UsageError, UserError } from "../../errors.ts";
import { otpChooser } from "../../otp/choose.ts";
import type { OtpLayer } from "../../otp/settings.ts";
import { reportSession } from "../../session/messages.ts";
import { loopbackPeer } from "../../system/loopback-peer.ts";
import { printableInLine } from "../../system/printable.ts";
import { debug } from "../../ui/debug.ts";
import type { CommandContext } from "../context.ts";
import { applyEnv } from "../options/env.ts";
import {
  addSessionOptions,
  otpFlagArgs,
  parseSessionOptions,
  type RawSessionOptions,
  type SessionOptions,
  sessionOtpLayers,
  sessionRequest,
} from "../options/session.ts";
import { childEnvironment, EXEC_MARKER, serverEnvironment } from "./child-env.ts";
import { checkCommand, exitStatus } from "./exit-status.ts";
import { helperFlags, renewalError, sessionForExec } from "./session-for-exec.ts";

export interface ExecOptions {
  session: SessionOptions;
  /** The program and its arguments. */
  command: string[];
  /** Run even inside another `awsmfa exec`. */
  force: boolean;
  /** Give the child a credential endpoint instead of static keys (also awsmfa_exec_server). */
  server?: boolean;
}

const EXAMPLES = `
Examples:
  awsmfa exec prod -- aws s3 ls
  awsmfa exec prod-admin -- terraform apply
  awsmfa exec prod -- sh -c 'echo "$AWS_PROFILE until $AWS_CREDENTIAL_EXPIRATION"'
  awsmfa exec prod            (a shell with the session: $SHELL, %COMSPEC% on Windows)`;

export function execCommand({ deps, state }: CommandContext) {
  const command = new Command("exec")
    .description("run a command with a session for PROFILE in its environment")
    .argument("<profile>", "the profile to get a session for")
    .argument("[command...]", "the command and its arguments, after --; none: your shell")
    .option("--force", "run even inside another `awsmfa exec`", false)
    .option(
      "--server",
      "give the command a local credential endpoint that renews the session, not static keys",
      false,
    )
    .addHelpText("after", EXAMPLES);
  return addSessionOptions(command).action(async (profile, words, raw, self) => {
    applyEnv(self, deps.env);
    // commander keeps the command line as given on the root command (untyped, long-standing).
    const rawArgs = (self.parent as { rawArgs?: string[] } | null)?.rawArgs;
    const options = parseExec(
      profile,
      words,
      rawArgs,
      { ...(self.opts() as RawSessionOptions), force: raw.force, server: raw.server },
      sessionOtpLayers(self),
    );
    state.exitCode = await runExec(options, deps);
  });
}

/**
 * Checks the command line. `--` is required before the command: without it, an option meant
 * for the command (`aws s3 ls --region x`) would silently be taken as awsmfa's own.
 */
export function parseExec(
  profile: string,
  words: readonly string[],
  rawArgs: readonly string[] | undefined,
  raw: RawSessionOptions & { force?: boolean | undefined; server?: boolean | undefined },
  otpLayers: readonly OtpLayer[] = [],
): ExecOptions {
  const dashes = rawArgs?.indexOf("--") ?? 0;
  if (words.length === 0 && dashes >= 0 && rawArgs) {
    throw new UsageError("Name the command after --.", {
      hint: `For example: ${pasteableCommand("awsmfa", "exec", profile)} -- aws s3 ls; or leave out -- to start a shell: ${pasteableCommand("awsmfa", "exec", profile)}`,
    });
  }
  if (words.length > 0 && rawArgs && (dashes < 0 || rawArgs.length - dashes - 1 !== words.length)) {
    throw new UsageError("Put -- between the profile and the command.", {
      hint: `For example: ${pasteableCommand("awsmfa", "exec", profile)} -- ${words.length > 0 ? pasteableCommand(words) : "aws s3 ls"}`,
    });
  }
  return {
    session: parseSessionOptions(profile, raw, otpLayers),
    command: [...words],
    force: raw.force === true,
    server: raw.server === true,
  };
}

export async function runExec(options: ExecOptions, deps: Deps): Promise<number> {
  const outer = deps.env[EXEC_MARKER];
  if (outer && !options.force) {
    throw new UsageError(
      `Already inside \`awsmfa exec ${printableInLine(outer)}\` (${EXEC_MARKER}=${printableInLine(outer)}); a nested exec would mix two sessions.`,
      {
        hint: `Leave that one first (exit), or pass --force to run inside it anyway: ${pasteableCommand("awsmfa", "exec", "--force", options.session.profile)} -- ...`,
      },
    );
  }
  const spawn = deps.spawnInteractive;
  const [file, ...args] = (
    options.command.length > 0 ? options.command : [userShellProgram(deps)]
  ) as [string, ...string[]];
  // A command that is not there is said before a code is asked for (exit 127, as after).
  await checkCommand(file, deps);
  const files = await readAwsFiles(deps);
  const request = sessionRequest(options.session, files);
  const flags = [...helperFlags(request), ...otpFlagArgs(options.session.otpLayers)];
  const result = await sessionForExec(files, request, flags, deps);
  if ("exitCode" in result) return result.exitCode;
  if (!result.reused) reportSession(request.profile, result.session, false, deps);
  if (options.command.length === 0) enterShell(file, options.session.profile, deps);
  if (!options.server && !serverFromProfile(files, request.profile)) {
    const outcome = await spawn(file, args, {
      env: childEnvironment(deps.env, result.session, result.context),
    });
    return exitStatus(outcome, file);
  }
  // A question the person cancelled (the dialog's Cancel, Ctrl-C at the helper's prompt) is
  // not asked again in this run: the SDKs retry and every client asks on its own, so each
  // would open a new dialog. Like Ctrl-C, one Cancel answers them all; a new run asks again.
  let cancelled: UserError | undefined;
  const renew = async () => {
    if (cancelled) throw cancelled;
    try {
      return await renewOnce();
    } catch (error) {
      if (error instanceof UserError && error.code === "cancelled") cancelled = error;
      throw error;
    }
  };
  const renewOnce = async () => {
    const now = await readAwsFiles(deps);
    const again = await sessionForExec(
      now,
      {
        ...request,
        force: false,
        minRemainingSeconds: SERVER_RENEW_SECONDS,
        // --otp CODE was one code, used for the first session: sent again, AWS only rejects
        // it. --otp - read awsmfa's stdin, which is now the program's. A renewal that needs a
        // code asks the profile's code source, the terminal (helper) or the dialog instead.
        otp: otpChooser(undefined, options.session.otpLayers, now),
      },
      flags,
      deps,
    );
    if ("exitCode" in again) throw renewalError(again.exitCode);
    return again.session;
  };
  // Loaded here, not with the command's definition: node:http and node:crypto cost ~4 ms of
  // every `--help` and shell-init, which load all definitions (docs/performance.md).
  const { startCredentialServer } = await import("./credential-server.ts");
  let warned = false;
  const server = await startCredentialServer(
    renew,
    (line) => debug(deps, line),
    deps.platform === "linux" ? (peer, local) => loopbackPeer(deps, peer, local) : undefined,
    (uid) => {
      if (warned) return;
      warned = true;
      deps.io.stderr.write(
        `awsmfa: refused the credential endpoint to a program of another user (uid ${uid}); it had the token, so check where the child's environment went.\n`,
      );
    },
  );
  try {
    const outcome = await spawn(file, args, {
      env: serverEnvironment(deps.env, server, result.context),
    });
    return exitStatus(outcome, file);
  } finally {
    await server.stop();
  }
}

/** The user's shell, for `awsmfa exec PROFILE` with no command. */
function userShellProgram(deps: Deps): string {
  return deps.platform === "win32"
    ? (deps.env.COMSPEC ?? "cmd.exe")
    : (deps.env.SHELL ?? "/bin/sh");
}

/** Says how to leave the shell `awsmfa exec PROFILE` starts. */
function enterShell(shell: string, profile: string, deps: Deps): void {
  deps.io.stderr.write(
    `Starting ${printableInLine(shell)} with the session of ${printableInLine(profile)}. Type \`exit\` to leave it; the session goes with it.\n`,
  );
}

/** The server renews a session with less than this left (the SDKs ask again 5 min before). */
const SERVER_RENEW_SECONDS = 300;

function serverFromProfile(files: AwsFiles, profile: string): boolean {
  return /^(true|yes|on|1)$/i.test(profileValue(files, profile, "awsmfa_exec_server") ?? "");
}
