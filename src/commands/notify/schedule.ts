/**
 * `login --notify`: one detached timer process per profile (awsmfa _notify, the same binary)
 * that shows a desktop notification some minutes before the session expires and one when it
 * has expired, then exits. Scheduling again for a profile replaces its timer;
 * cancelNotifications (for logout) ends it.
 */

import { parseDuration } from "../../config/durations.ts";
import type { Deps } from "../../deps.ts";
import { UsageError } from "../../errors.ts";
import { currentUser } from "../../fs/owner.ts";
import { randomHex } from "../../system/hashes.ts";
import { printableInLine } from "../../system/printable.ts";
import { findProgram } from "../../system/which.ts";
import { clockTime } from "../../ui/clock-time.ts";
import { desktopCommand } from "./desktop.ts";
import { allStatePaths, readState, removeState, statePath, TOKEN, writeState } from "./state.ts";

export type NotifyDeps = Pick<
  Deps,
  | "env"
  | "homedir"
  | "platform"
  | "fs"
  | "exec"
  | "io"
  | "clock"
  | "processes"
  | "hooks"
  | "background"
  | "selfCommand"
  | "uid"
  | "gid"
  | "onInterrupt"
>;

export const DEFAULT_NOTIFY_BEFORE_SECONDS = 600;

/** AWSMFA_NOTIFY_BEFORE: how long before expiry the first notification comes (default 10m). */
export function notifyBeforeSeconds(env: Deps["env"]): number {
  const text = env.AWSMFA_NOTIFY_BEFORE;
  if (text === undefined || text.trim() === "") return DEFAULT_NOTIFY_BEFORE_SECONDS;
  const seconds = parseDuration(text, "AWSMFA_NOTIFY_BEFORE");
  if (seconds < 1) throw new UsageError("AWSMFA_NOTIFY_BEFORE must be at least 1 second.");
  return seconds;
}

export interface ScheduleRequest {
  profile: string;
  expiration: Date;
  beforeSeconds: number;
}

/** Starts the timer (replacing the profile's previous one); says what it did on stderr. */
export async function scheduleNotifications(
  deps: NotifyDeps,
  request: ScheduleRequest,
): Promise<boolean> {
  const warn = (text: string) => deps.io.stderr.write(`Note: --notify: ${text}\n`);
  const desktop = desktopCommand(deps.platform);
  if (!desktop) return warnAndFalse(warn, "desktop notifications are not supported on Windows.");
  if (!(await findProgram(desktop.program, deps))) {
    return warnAndFalse(warn, `${desktop.program} is not installed, so nothing was scheduled.`);
  }
  await cancelNotifications(deps, request.profile);
  const token = randomHex(16);
  const expires = Math.floor(request.expiration.getTime() / 1000);
  const state = { profile: request.profile, pid: 0, token, expires };
  await writeState(deps, state);
  const [file, ...rest] = deps.selfCommand;
  const args = [
    ...rest,
    "_notify",
    "--profile",
    request.profile,
    "--expires",
    String(expires),
    "--before",
    String(request.beforeSeconds),
    "--token",
    token,
  ];
  const pid = file ? deps.background.spawn(file, args, timerEnvironment(deps.env)) : undefined;
  if (pid === undefined) {
    await removeState(deps, statePath(deps, request.profile));
    return warnAndFalse(warn, "the background process could not be started.");
  }
  await writeState(deps, { ...state, pid });
  deps.io.stderr.write(`${describeSchedule(request, deps.clock.now())}\n`);
  return true;
}

function warnAndFalse(warn: (text: string) => void, text: string): false {
  warn(text);
  return false;
}

export function describeSchedule(request: ScheduleRequest, now: number): string {
  const end = request.expiration.getTime();
  const first = end - request.beforeSeconds * 1000;
  const at = clockTime(request.expiration, now);
  if (first <= now)
    return `Desktop notification for ${printableInLine(request.profile)} at ${at}, when it expires.`;
  return `Desktop notifications for ${printableInLine(request.profile)} at ${clockTime(new Date(first), now)} and at ${at}, when it expires.`;
}

/**
 * The timer needs the desktop session's variables, PATH and the cache location; it has no
 * use for AWS keys, so none are handed to a process that lives for hours.
 */
function timerEnvironment(env: Deps["env"]): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("AWS_")));
}

/**
 * Ends the notification timer of `profile`, or of every profile when it is undefined; returns
 * how many were cancelled. For login (replacing) and logout. The record goes first, so even
 * a timer that cannot be signalled shows nothing; the signal only goes to a process that is
 * recognisably that timer (its token on its command line), never to a recycled pid.
 */
export async function cancelNotifications(
  deps: Pick<Deps, "env" | "homedir" | "platform" | "fs" | "exec" | "background" | "uid" | "gid">,
  profile?: string,
): Promise<number> {
  const paths = profile === undefined ? await allStatePaths(deps) : [statePath(deps, profile)];
  let cancelled = 0;
  for (const path of paths) {
    const state = await readState(deps, path);
    await removeState(deps, path);
    if (!state) continue;
    cancelled++;
    if (state.pid > 0 && (await isTimer(deps, state.pid, state.token))) {
      deps.background.stop(state.pid);
    }
  }
  return cancelled;
}

async function isTimer(
  deps: Pick<Deps, "platform" | "fs" | "exec" | "uid" | "gid">,
  pid: number,
  token: string,
): Promise<boolean> {
  // A record with an empty or short token (planted, or damaged) proves nothing: "".includes
  // matches every command line, and logout --all would kill whatever runs under that pid.
  if (!TOKEN.test(token) || !Number.isSafeInteger(pid) || pid <= 1) return false;
  const user = currentUser(deps);
  if (deps.platform === "linux") {
    try {
      // Only this user's process: root running logout --all could otherwise signal anyone's.
      const owner = (await deps.fs.stat(`/proc/${pid}`)).uid;
      if (user !== undefined && owner !== user.uid) return false;
      const cmdline = await deps.fs.readFile(`/proc/${pid}/cmdline`, "utf8");
      return isTimerCommandLine(cmdline.split("\0"), token);
    } catch {
      return false;
    }
  }
  if (deps.platform === "win32") return false;
  const ps = await deps.exec("ps", ["-o", "uid=", "-o", "command=", "-p", String(pid)], {
    timeoutMs: 3000,
  });
  const match = /^\s*(\d+)\s+(.*)$/s.exec(ps.stdout.trim());
  if (ps.code !== 0 || !match) return false;
  if (user !== undefined && Number(match[1]) !== user.uid) return false;
  return isTimerCommandLine(match[2]!.split(/\s+/), token);
}

/**
 * Whether a command line is the timer of this token: `... _notify ... --token TOKEN ...`, the
 * token a whole argument (a longer hex string that merely contains it is not the timer).
 */
export function isTimerCommandLine(args: readonly string[], token: string): boolean {
  const at = args.indexOf("--token");
  return TOKEN.test(token) && args.includes("_notify") && at >= 0 && args[at + 1] === token;
}

/**
 * For login --notify: checks AWSMFA_NOTIFY_BEFORE now (before a code is spent on a login that
 * would fail afterwards) and returns the function to call once the session is in hand.
 */
export function notificationScheduler(
  deps: NotifyDeps,
): (profile: string, expiration: Date) => Promise<void> {
  const beforeSeconds = notifyBeforeSeconds(deps.env);
  return async (profile, expiration) => {
    await scheduleNotifications(deps, { profile, expiration, beforeSeconds });
  };
}
