/**
 * How far this computer's clock is from AWS's, from the Date header of an answer of the STS
 * endpoint awsmfa would call. The request is unsigned (AWS answers "missing authentication"
 * and still dates its answer), so no keys are sent and no SDK is loaded. The header has
 * whole seconds, so the offset is known to about a second.
 *
 * AWS refuses signed requests whose time is more than 5 minutes off; codes computed on this
 * computer (password managers, ykman's TOTP) are refused well before that, from 30 s.
 */
import { formatDuration } from "../../config/durations.ts";
import { type Finding, ok, problem, warn } from "./finding.ts";

export const CLOCK_WARN_SECONDS = 30;
export const CLOCK_FAIL_SECONDS = 300;
const TIMEOUT_MS = 5000;

export interface ClockReading {
  /** Server time minus local time, ms. */
  offsetMs: number;
}

export async function readClockOffset(
  endpoint: string,
  now: () => number,
): Promise<ClockReading | { error: string }> {
  const sent = now();
  let date: string | null;
  try {
    const answer = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    date = answer.headers.get("date");
    await answer.body?.cancel();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const received = now();
  const server = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(server)) return { error: "the answer had no Date header" };
  // Date is cut to the second: the server's clock read somewhere in [server, server + 1 s).
  return { offsetMs: server + 500 - (sent + received) / 2 };
}

export function judgeClock(
  reading: ClockReading | { error: string },
  endpoint: string,
  fix: string,
): Finding {
  if ("error" in reading) {
    return warn(`Could not reach STS at ${endpoint} to compare clocks: ${reading.error}`);
  }
  const seconds = Math.round(Math.abs(reading.offsetMs) / 1000);
  const side = reading.offsetMs > 0 ? "behind" : "ahead of";
  if (seconds <= 1) return ok(`This computer's clock agrees with AWS (${endpoint}).`);
  const text = `This computer's clock is ${formatDuration(seconds)} ${side} AWS (${endpoint})`;
  if (seconds < CLOCK_WARN_SECONDS) return ok(`${text}.`);
  if (seconds < CLOCK_FAIL_SECONDS) {
    return warn(`${text}: codes computed on this computer may be refused.`, fix);
  }
  return problem(`${text}: AWS refuses requests signed with a clock that far off.`, fix);
}

export function clockFix(platform: NodeJS.Platform): string {
  if (platform === "darwin")
    return "System Settings > General > Date & Time: set time automatically.";
  if (platform === "win32") return "Settings > Time & language > Date & time: Sync now.";
  return "Turn on network time: sudo timedatectl set-ntp true";
}
