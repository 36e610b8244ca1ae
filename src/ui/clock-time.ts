/**
 * A moment as people read clocks. Apart from session/messages.ts so that `awsmfa prompt`
 * (output/prompt-segment.ts) can use it without loading the session cache and file code.
 */

/**
 * The first local-time conversion of a run sets up the time zone (ICU's, ~9 ms of CPU, with or
 * without TZ): done ahead, where the main thread would only wait, clockTime costs no time.
 */
export function setUpLocalTime(): void {
  new Date(0).getHours();
}

/** "21:41", or "Sat 09:41" when it is not today. Local time, as people read clocks. */
export function clockTime(date: Date, now: number): string {
  const hhmm = `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  if (date.toDateString() === new Date(now).toDateString()) return hhmm;
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][date.getDay()];
  return `${day} ${hhmm}`;
}
