/** What a login tells the person on stderr once the session is in hand. */
import { clockWarning, localExpiration, secondsLeftAt } from "../aws/clock-skew.ts";
import type { SessionCredentials } from "../aws/credentials.ts";
import { formatDuration } from "../config/durations.ts";
import type { Deps } from "../deps.ts";
import { printableInLine } from "../system/printable.ts";
import { clockTime, setUpLocalTime } from "../ui/clock-time.ts";
import { stderrStyle } from "../ui/report.ts";

/**
 * What reportSession's line for a new session will need ahead: the clock time's time-zone
 * set-up, for a person at a terminal. obtain.ts has it done while AWS answers.
 */
export function newSessionLineSetUp(deps: Pick<Deps, "io">): (() => void) | undefined {
  return deps.io.stderr.isTTY ? setUpLocalTime : undefined;
}

export function reportSession(
  profile: string,
  session: SessionCredentials,
  reused: boolean,
  deps: Pick<Deps, "io" | "env" | "clock">,
): void {
  const left = formatDuration(secondsLeftAt(session, deps.clock.now()));
  if (reused) {
    // No clock time here: the first local-time conversion loads the time zone (~9 ms), and
    // this is the path that must feel instant.
    deps.io.stderr.write(`Reusing session for ${printableInLine(profile)}, valid for ${left}\n`);
    return;
  }
  const style = stderrStyle(deps);
  // The clock time only for a person at a terminal: a script or log that captures stderr
  // has the duration, and spares the time-zone set-up (~9 ms of CPU; on a terminal it is
  // done while AWS answers, newSessionLineSetUp).
  // It is the end as this computer's clock will show it (the expiration is in AWS's time).
  const until = deps.io.stderr.isTTY
    ? ` (until ${clockTime(localExpiration(session), deps.clock.now())})`
    : "";
  deps.io.stderr.write(
    `${style.green("✓")} New session for ${printableInLine(profile)}, valid for ${left}${until}\n`,
  );
}
/**
 * Says so when AWS's answer showed this computer's clock is off (once per run: a role chain
 * makes several calls). The session is counted in AWS's time either way.
 */
export function noteClock(
  session: SessionCredentials,
  deps: Pick<Deps, "io" | "platform" | "clock">,
): void {
  const warning = session.clock && clockWarning(session.clock.offsetMs, deps.platform);
  if (!warning || warned.has(deps)) return;
  warned.add(deps);
  deps.io.stderr.write(`${warning}\n`);
}
const warned = new WeakSet<object>();
