/**
 * A deadline as setTimeout can hold it. setTimeout takes at most 2^31-1 ms (~24.8 days): a
 * longer one (--otp-timeout 30d, --open-timeout 25d) is set to 1 ms, with a
 * TimeoutOverflowWarning on stderr, so the wait the user asked to be long ended at once
 * ("did not answer within 720h00m", exit 8). 24.8 days is as good as the longer wait.
 */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function timerMs(ms: number): number {
  return Math.min(ms, LONGEST_TIMER_MS);
}
