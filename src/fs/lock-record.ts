/**
 * What a lock file says about its holder, and when a waiter may break it. Pure, so the rules
 * are tested as a table.
 */

import { randomHex } from "../system/hashes.ts";
import { printableInLine } from "../system/printable.ts";
import type { Identity } from "./options.ts";

export interface LockRecord {
  pid: number;
  host: string;
  /** When the lock was taken, in milliseconds since the epoch. */
  time: number;
  /** Tells this holding apart from any other, so a holder only ever removes its own lock. */
  token: string;
  /**
   * When the holder will have let go at the latest (ms since the epoch), when it said: every
   * wait it does under the lock has a deadline, and this is their sum (a person typing a code
   * with --otp-timeout 10m). Waiters wait that long, plus HOLD_MARGIN_MS, up to their cap.
   */
  until?: number | undefined;
}

/** After the holder's own deadline: time to write its answer and let go, and clock jitter. */
export const HOLD_MARGIN_MS = 30_000;

export function newLockRecord(me: Identity, now: number, holdForMs?: number): LockRecord {
  const record: LockRecord = { pid: me.pid, host: me.host, time: now, token: randomHex(8) };
  if (holdForMs !== undefined) record.until = now + holdForMs;
  return record;
}

export function formatLockRecord(record: LockRecord): string {
  return `${JSON.stringify({ ...record, at: new Date(record.time).toISOString() })}\n`;
}

/** The record in a lock file's text, or null when it is empty (being written) or foreign. */
export function parseLockRecord(text: string): LockRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { pid, host, time, token, until } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(pid) || typeof host !== "string") return null;
  if (typeof time !== "number" || typeof token !== "string") return null;
  const record: LockRecord = { pid: pid as number, host, time, token };
  // Older awsmfa versions write none: their holders are waited for as before.
  if (typeof until === "number" && Number.isFinite(until)) record.until = until;
  return record;
}

/** A lock file as one look saw it: its text and record, and which file it was. */
export interface LockSeen {
  /** The holder's record, or null when the text is not one (a foreign lock). */
  record: LockRecord | null;
  text: string;
  ino: number;
  /** The lock file's modification time: its age when the record cannot be read. */
  mtimeMs: number;
}

/**
 * Whether two looks saw the same holding. A record's random token makes its text unique; a
 * foreign text is told apart by its file's identity too.
 */
export function sameLock(a: LockSeen, b: LockSeen): boolean {
  if (a.text !== b.text) return false;
  return a.record !== null || (a.ino === b.ino && a.mtimeMs === b.mtimeMs);
}

/**
 * A lock may be broken when its holder has certainly gone. A holder on this host whose
 * liveness can be checked keeps its lock for as long as it lives, however old the lock looks:
 * clocks jump (a laptop resumes, NTP steps) and a live holder may be slow, and breaking a
 * live holder's lock lets two writers in. Once no process has its pid, the lock is broken at
 * once. Only a lock whose holder cannot be checked (another host, no pid, no liveness check,
 * no readable record) goes stale by age, after staleMs. A dead holder's pid reused by another
 * process keeps its lock until waiters time out with a message naming it: safe, if slow.
 */
export function isStale(
  seen: Pick<LockSeen, "record" | "mtimeMs">,
  me: Identity,
  now: number,
  staleMs: number,
  /**
   * How far past its `time` a holder's `until` is believed: the waiters' own cap (LockOptions
   * maxWaitMs; 0 for a lock whose waiters follow no holder's word). A holder nobody can check
   * that says "36 h" (--otp-timeout 12h) or "forever" (a broken or hostile lock file) would
   * otherwise keep the lock that long after it died, every waiter giving up at its cap.
   */
  maxHoldMs = 0,
): boolean {
  const gone = holderIsGone(seen.record, me);
  if (gone !== undefined) return gone;
  // A holder that said how long it may hold the lock is not taken for gone before then.
  const record = seen.record;
  if (record?.until !== undefined) {
    const until = Math.min(record.until, record.time + maxHoldMs);
    if (now <= until + HOLD_MARGIN_MS) return false;
  }
  return now - (record?.time ?? seen.mtimeMs) > staleMs;
}

/**
 * Whether the process that wrote `record` has certainly gone: undefined when that cannot be
 * checked (another host, no pid, no liveness check). Only a definite "no such process"
 * counts; a check that fails proves nothing.
 */
export function holderIsGone(record: LockRecord | null, me: Identity): boolean | undefined {
  if (record === null || record.host !== me.host || record.pid <= 0 || !me.isAlive) {
    return undefined;
  }
  if (record.pid === me.pid) return false;
  try {
    return me.isAlive(record.pid) === false;
  } catch {
    return false;
  }
}

export function describeHolder(record: LockRecord | null, me: Identity): string {
  if (record === null) return "an unknown process";
  const where = record.host === me.host ? "" : ` on ${printableInLine(record.host)}`;
  const since = isoTime(record.time);
  const who = record.pid > 0 ? `pid ${record.pid}` : "a process";
  const until =
    record.until === undefined ? "" : `, which may hold it until ${isoTime(record.until)}`;
  return `${who}${where} since ${since}${until}`;
}

/**
 * A lock file's time for people. Any JSON number parses as one, but Date holds only ±8.64e15
 * ms: toISOString() threw a RangeError on a lock saying `"until": 1e300`, and the waiter's
 * timeout became "unexpected error" (exit 1) instead of the message naming the lock.
 */
function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `${ms} ms since 1970 (no real time)` : date.toISOString();
}
