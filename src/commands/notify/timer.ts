/**
 * The notification timer itself (`awsmfa _notify`, started by scheduleNotifications): sleeps
 * until N minutes before the expiry, notifies, sleeps until the expiry, notifies, exits.
 * It sleeps in slices of at most a minute and reads the wall clock after each, so a laptop
 * that was suspended catches up at once; after each slice it checks that its record still
 * names it, so a replaced or cancelled timer ends within a minute even if no signal reached it.
 */
import type { Deps } from "../../deps.ts";
import { clockTime } from "../../ui/clock-time.ts";
import { desktopCommand, expiredNotice, type Notice, soonNotice } from "./desktop.ts";
import { readState, removeState, statePath } from "./state.ts";

export interface TimerOptions {
  profile: string;
  /** Session expiry, epoch seconds. */
  expires: number;
  beforeSeconds: number;
  token: string;
}

type TimerDeps = Pick<
  Deps,
  "env" | "homedir" | "platform" | "fs" | "exec" | "clock" | "uid" | "gid"
>;

const SLICE_MS = 60_000;

export async function runTimer(options: TimerOptions, deps: TimerDeps): Promise<void> {
  const path = statePath(deps, options.profile);
  const stillMine = async () => (await readState(deps, path))?.token === options.token;
  const end = options.expires * 1000;
  const first = end - options.beforeSeconds * 1000;
  const steps: { at: number; notice: () => Notice; late?: boolean }[] = [];
  // Already inside the warning window: the person has just seen the login's own message.
  if (first > deps.clock.now()) {
    steps.push({
      at: first,
      notice: () =>
        soonNotice(
          options.profile,
          Math.max(1, Math.round((end - deps.clock.now()) / 60_000)),
          clockTime(new Date(end), deps.clock.now()),
        ),
      // Woken after the expiry (a suspended laptop): "expires soon" would be wrong by then.
      late: true,
    });
  }
  steps.push({ at: end, notice: () => expiredNotice(options.profile) });
  for (const step of steps) {
    if (!(await sleepUntil(step.at, deps, stillMine))) return;
    if (step.late && deps.clock.now() >= end) continue;
    await show(step.notice(), deps);
  }
  if (await stillMine()) await removeState(deps, path);
}

/** False when the timer was replaced or cancelled while it slept. */
async function sleepUntil(
  at: number,
  deps: TimerDeps,
  stillMine: () => Promise<boolean>,
): Promise<boolean> {
  for (let left = at - deps.clock.now(); left > 0; left = at - deps.clock.now()) {
    await deps.clock.sleep(Math.min(left, SLICE_MS));
    if (!(await stillMine())) return false;
  }
  return stillMine();
}

async function show(notice: Notice, deps: TimerDeps): Promise<void> {
  const desktop = desktopCommand(deps.platform);
  if (!desktop) return;
  // Nobody is listening for errors: the timer has no terminal. A failed notification is lost.
  await deps.exec(desktop.program, desktop.args(notice.title, notice.text), {
    env: deps.env,
    timeoutMs: 10_000,
  });
}
