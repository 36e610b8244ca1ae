/** What a login tells the person on stderr once the session is in hand. */
import type { SessionCredentials } from "../aws/credentials.ts";
import { formatDuration } from "../config/durations.ts";
import type { Deps } from "../deps.ts";
import { stderrStyle } from "../ui/report.ts";
import { secondsLeft } from "./cache.ts";

export function reportSession(
  profile: string,
  session: SessionCredentials,
  reused: boolean,
  deps: Pick<Deps, "io" | "env" | "clock">,
): void {
  const left = formatDuration(secondsLeft(session, deps.clock.now()));
  if (reused) {
    // No clock time here: the first local-time conversion loads the time zone (~4 ms), and
    // this is the path that must feel instant.
    deps.io.stderr.write(`Reusing session for ${profile}, valid for ${left}\n`);
    return;
  }
  const style = stderrStyle(deps);
  // The clock time only for a person at a terminal: a script or log that captures stderr
  // has the duration, and spares the time-zone set-up (~4 ms of a ~50 ms fresh login).
  const until = deps.io.stderr.isTTY
    ? ` (until ${clockTime(session.expiration, deps.clock.now())})`
    : "";
  deps.io.stderr.write(
    `${style.green("✓")} New session for ${profile}, valid for ${left}${until}\n`,
  );
}

/** "21:41", or "Sat 09:41" when it is not today. Local time, as people read clocks. */
export function clockTime(date: Date, now: number): string {
  const hhmm = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  if (date.toDateString() === new Date(now).toDateString()) return hhmm;
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][date.getDay()];
  return `${day} ${hhmm}`;
}
