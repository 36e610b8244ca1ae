/**
 * What a lock file says about its holder, and when a waiter may break it. Pure, so the rules
 * are tested as a table.
 */
import { randomBytes } from "node:crypto";
import type { Identity } from "./options.ts";

export interface LockRecord {
  pid: number;
  host: string;
  /** When the lock was taken, in milliseconds since the epoch. */
  time: number;
  /** Tells this holding apart from any other, so a holder only ever removes its own lock. */
  token: string;
}

export function newLockRecord(me: Identity, now: number): LockRecord {
  return { pid: me.pid, host: me.host, time: now, token: randomBytes(8).toString("hex") };
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
  const { pid, host, time, token } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(pid) || typeof host !== "string") return null;
  if (typeof time !== "number" || typeof token !== "string") return null;
  return { pid: pid as number, host, time, token };
}

export interface LockSeen {
  record: LockRecord | null;
  /** The lock file's modification time: its age when the record cannot be read. */
  mtimeMs: number;
}

/**
 * A lock may be broken when its holder has certainly gone (a process on this host that no
 * longer exists) or when it is older than staleMs, which covers holders on other hosts and
 * pids reused by unrelated processes. A lock with no readable record is being written right
 * now, unless it is old.
 */
export function isStale(seen: LockSeen, me: Identity, now: number, staleMs: number): boolean {
  const { record } = seen;
  const takenAt = record?.time ?? seen.mtimeMs;
  if (now - takenAt > staleMs) return true;
  if (record === null || record.host !== me.host || record.pid <= 0) return false;
  if (record.pid === me.pid) return false;
  return me.isAlive?.(record.pid) === false;
}

export function describeHolder(record: LockRecord | null, me: Identity): string {
  if (record === null) return "an unknown process";
  const where = record.host === me.host ? "" : ` on ${record.host}`;
  const since = new Date(record.time).toISOString();
  const who = record.pid > 0 ? `pid ${record.pid}` : "a process";
  return `${who}${where} since ${since}`;
}
