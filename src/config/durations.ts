/**
 * Session durations: `--duration 43200`, `15m`, `1h`, `12h`, `36h`, `1h30m`. Checked against
 * STS's limits before any call, so a typo never costs an MFA code.
 */
import { UsageError } from "../errors.ts";

export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 129_600;
/** Root users: AWS silently caps GetSessionToken at one hour. */
export const ROOT_MAX_SESSION_SECONDS = 3600;
/** Role chaining: AWS refuses more than one hour. */
export const ROLE_CHAIN_MAX_SECONDS = 3600;
export const DEFAULT_SESSION_SECONDS = 12 * 3600;
/** A session with less left than this is not reused (--min-remaining, AWSMFA_MIN_REMAINING). */
export const DEFAULT_MIN_REMAINING_SECONDS = 15 * 60;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Parses a duration to whole seconds; throws UsageError on anything else. */
export function parseDuration(text: string, what = "--duration"): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+)\s*([smhd])/g)];
  const consumed = parts.map((p) => p[0]).join("");
  if (parts.length === 0 || consumed.replace(/\s/g, "") !== trimmed.replace(/\s/g, "")) {
    throw new UsageError(`${what} "${text}" is not a duration.`, {
      hint: "Use seconds (3600) or a number with a unit: 15m, 1h, 12h, 36h, 1h30m.",
    });
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_SECONDS[p[2]!]!, 0);
}

/** A session duration within STS's limits for GetSessionToken. */
export function checkSessionDuration(seconds: number): number {
  if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    throw new UsageError(
      `A session must last between 15m (900 s) and 36h (129600 s); ${exactDuration(seconds)} (${seconds} s) was asked for.`,
      { hint: "Choose a --duration such as 1h, 12h (the default) or 36h." },
    );
  }
  return seconds;
}

/**
 * 7h42m, 59m, 45s: how people read a remaining time. From ten minutes up, minutes are rounded
 * (a fresh 12 h session reads 12h00m, not 11h59m); below, where warnings start, they are cut,
 * so the time left is never overstated.
 */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const s = whole >= 600 ? Math.round(whole / 60) * 60 : whole;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, "0")}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${s % 60}s`;
}

/** 14m59s, 36h00m01s: a duration without rounding, for "this is out of range" messages. */
export function exactDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return rest > 0 ? `${h}h${two(m)}m${two(rest)}s` : `${h}h${two(m)}m`;
  if (m > 0) return rest > 0 ? `${m}m${two(rest)}s` : `${m}m`;
  return `${rest}s`;
}
