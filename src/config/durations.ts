/**
 * Session durations: `--duration 43200`, `15m`, `1h`, `12h`, `36h`, `1h30m`. Checked against
 * STS's limits before any call, so a typo never costs an MFA code.
 */
import { UsageError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { isJsSpace } from "./js-space.ts";

export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 129_600;
/** Root users: AWS silently caps GetSessionToken at one hour. */
export const ROOT_MAX_SESSION_SECONDS = 3600;
/** Role chaining: AWS refuses more than one hour. */
export const ROLE_CHAIN_MAX_SECONDS = 3600;
export const DEFAULT_SESSION_SECONDS = 12 * 3600;
/** A session with less left than this is not reused (--min-remaining, AWSMFA_MIN_REMAINING). */
export const DEFAULT_MIN_REMAINING_SECONDS = 15 * 60;

/*
 * Loops, not regular expressions: AWSMFA_MIN_REMAINING and duration_seconds are read by the
 * cached login, which runs none (the first one costs it ~0.15 ms and 1.4 MiB, see
 * docs/performance.md). Each names the expression it stands for; the tests keep those.
 */

/** Parses a duration to whole seconds; throws UsageError on anything else. `what` is shown already. */
export function parseDuration(text: string, what = "--duration"): number {
  const trimmed = text.trim().toLowerCase();
  if (isDigits(trimmed)) return Number(trimmed);
  const seconds = unitsSeconds(trimmed);
  if (seconds === undefined) {
    throw new UsageError(`${what} "${printableInLine(text)}" is not a duration.`, {
      hint: "Use seconds (3600) or a number with a unit: 15m, 1h, 12h, 36h, 1h30m.",
    });
  }
  return seconds;
}

/** Whether `text` is one or more ASCII digits: /^\d+$/. */
export function isDigits(text: string): boolean {
  if (text === "") return false;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The sum of the matches of /(\d+)\s*([smhd])/g in `text` (`1h30m`, `1h 30 m`), from the left,
 * when there is one and nothing but whitespace lies outside them; else undefined.
 */
function unitsSeconds(text: string): number | undefined {
  let sum = 0;
  let parts = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) {
      if (!isJsSpace(c)) return undefined;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    let unit = end;
    while (unit < text.length && isJsSpace(text.charCodeAt(unit))) unit++;
    // No unit: these digits are in no match (nor is any of them from a later start).
    const seconds = unitSeconds(text.charCodeAt(unit));
    if (seconds === undefined) return undefined;
    sum += Number(text.slice(i, end)) * seconds;
    parts++;
    i = unit + 1;
  }
  return parts > 0 ? sum : undefined;
}

/** s, m, h, d */
function unitSeconds(c: number): number | undefined {
  if (c === 0x73) return 1;
  if (c === 0x6d) return 60;
  if (c === 0x68) return 3600;
  return c === 0x64 ? 86_400 : undefined;
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
  // Not padStart, a built-in JavaScriptCore compiles from source at its first call in every
  // run: a cached login calls this once (minutes is a whole 0-59 here).
  if (hours > 0) return `${hours}h${minutes < 10 ? "0" : ""}${minutes}m`;
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
