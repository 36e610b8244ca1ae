/**
 * The one owner of what awsmfa knows about this computer's clock against AWS's: how the offset
 * is read from the Date header of an AWS answer, when it matters, how it is said and how to fix
 * it. Doctor's clock check, login's warning and the clock errors of mapAwsError all say it here.
 *
 * AWS refuses signed requests whose time is more than 5 minutes off (the SDK then corrects its
 * own offset from the answer's Date and retries, so the call still works); codes computed on
 * this computer (password managers, ykman's TOTP) are refused well before that, from 30 s. The
 * expiration AWS returns is an absolute time in AWS's clock: the time a session has left is
 * that minus AWS's now, i.e. minus (local now + offset), never minus the local clock alone.
 */
import { formatDuration } from "../config/durations.ts";

export const CLOCK_WARN_SECONDS = 30;
export const CLOCK_FAIL_SECONDS = 300;

/** AWS's clock minus this computer's, and when (local ms) that was measured. */
export interface ClockOffset {
  offsetMs: number;
  measuredAt: number;
}

/**
 * The offset from an answer's Date header and the local times just before sending and just
 * after receiving. Date has whole seconds: the server's clock read somewhere in
 * [date, date + 1 s), so the middle of that second is compared with the middle of the trip.
 */
export function offsetFromDate(
  date: string | undefined | null,
  sent: number,
  received: number,
): number | undefined {
  const server = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(server)) return undefined;
  return server + 500 - (sent + received) / 2;
}

/** Whole seconds the clock is off, ignoring the second the Date header cannot resolve. */
export function offSeconds(offsetMs: number): number {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  return seconds <= 1 ? 0 : seconds;
}

/** "13h00m ahead of AWS", "2m behind AWS". */
export function describeOffset(offsetMs: number): string {
  const side = offsetMs > 0 ? "behind" : "ahead of";
  return `${formatDuration(offSeconds(offsetMs))} ${side} AWS`;
}

/** How to set the clock right, per platform. */
export function clockFix(platform: NodeJS.Platform): string {
  if (platform === "darwin")
    return "System Settings > General > Date & Time: set time automatically.";
  if (platform === "win32") return "Settings > Time & language > Date & time: Sync now.";
  return "Turn on network time: sudo timedatectl set-ntp true";
}

/**
 * What a login says when AWS's answer shows the clock is off by CLOCK_WARN_SECONDS or more, or
 * undefined when it is close enough. The session itself is counted in AWS's time either way.
 */
export function clockWarning(offsetMs: number, platform: NodeJS.Platform): string | undefined {
  const seconds = offSeconds(offsetMs);
  if (seconds < CLOCK_WARN_SECONDS) return undefined;
  const effect =
    seconds < CLOCK_FAIL_SECONDS
      ? "codes computed on this computer may be refused"
      : "AWS refuses requests signed with a clock that far off, so other programs may fail";
  return `Warning: this computer's clock is ${describeOffset(offsetMs)}: ${effect}. awsmfa counts the session's time by AWS's clock. Fix the clock: ${clockFix(platform)}`;
}

/**
 * When a session ends by this computer's clock: what programs here that compare an expiration
 * with the local clock (SDKs reading credential_process or AWS_CREDENTIAL_EXPIRATION, prompt
 * hooks reading AWSMFA_EXPIRES, the --notify timer) need. Shifted only when the clock is off by
 * CLOCK_WARN_SECONDS or more: below that, the offset is mostly the Date header's rounding.
 * (The credentials file keeps AWS's time: awsmfa reads it back with the offset.)
 */
export function localExpiration(session: {
  expiration: Date;
  clock?: ClockOffset | undefined;
}): Date {
  const offsetMs = session.clock?.offsetMs ?? 0;
  if (offSeconds(offsetMs) < CLOCK_WARN_SECONDS) return session.expiration;
  return new Date(session.expiration.getTime() - offsetMs);
}

/** The seconds a session has left by AWS's clock, given the local now. */
export function secondsLeftAt(
  session: { expiration: Date; clock?: ClockOffset | undefined },
  now: number,
): number {
  return Math.floor((session.expiration.getTime() - awsNow(session.clock, now)) / 1000);
}

/**
 * AWS's now from the local now and an offset measured earlier. When the local clock reads
 * before the measurement, it has been set back since (a clock that was ahead, now fixed): the
 * old offset no longer holds, and the local clock is the better guess.
 */
export function awsNow(clock: ClockOffset | undefined, now: number): number {
  if (!clock || now < clock.measuredAt - 60_000) return now;
  // A second or so is the Date header's rounding, not the clock: no jitter in "valid for".
  return offSeconds(clock.offsetMs) === 0 ? now : now + clock.offsetMs;
}

interface MiddlewareHost {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ response: unknown }>,
      ) => (args: unknown) => Promise<{ response: unknown }>,
      options: { step: "deserialize"; name: string },
    ): void;
  };
}

type Headers = Record<string, string | undefined>;

/**
 * Records the offset of every answer an SDK client gets (each attempt: a skewed first attempt
 * is corrected and retried by the SDK, the last answer wins). Reads only the Date header.
 */
export function recordClock(
  client: unknown,
  now: () => number,
  sink: { reading?: ClockOffset | undefined },
): void {
  (client as MiddlewareHost).middlewareStack.add(
    (next) => async (args) => {
      const sent = now();
      const note = (headers: Headers | undefined) => {
        const received = now();
        const offsetMs = offsetFromDate(headers?.date ?? headers?.Date, sent, received);
        if (offsetMs !== undefined) sink.reading = { offsetMs, measuredAt: received };
      };
      try {
        const result = await next(args);
        note((result.response as { headers?: Headers }).headers);
        return result;
      } catch (error) {
        note((error as { $response?: { headers?: Headers } }).$response?.headers);
        throw error;
      }
    },
    { step: "deserialize", name: "awsmfaClockOffset" },
  );
}
