/**
 * The session cache: one small JSON file per long-term key and MFA device, in the user's
 * cache folder (0700 folder, 0600 files, atomic writes). This is the hot path of every login
 * after the first, so it costs no more than a small digest and a file read; this file only
 * reads (cache-write.ts writes and deletes), so that the cached path loads no writer.
 */
import { join } from "node:path";
import { type ClockOffset, secondsLeftAt } from "../aws/clock-skew.ts";
import type { SessionCredentials } from "../aws/credentials.ts";
import { readCacheFile } from "../config/cache-folder.ts";
import { cacheDir } from "../config/paths.ts";
import type { Deps } from "../deps.ts";
import { SESSION_CACHE_FORMAT, sessionCacheName, sessionOfRecord } from "./cache-record.ts";

// The file name of a session (`list` compares it with the folder's listing); cache-record.ts
// holds it so that the cached fast path can name the file without this module.
export { sessionCacheName };

export interface SessionKey {
  /** The long-term access key id that signs GetSessionToken. */
  longTermKeyId: string;
  serial: string;
}

export interface CacheFile {
  format: number;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  serial: string;
  /** Masked: enough for a person to recognise, useless to anyone else. */
  longTermKey: string;
  createdAt: string;
  /** AWS's clock minus ours when AWS answered; `expiration` is in AWS's time. */
  clock?: ClockOffset | undefined;
}

export type CacheDeps = Pick<Deps, "env" | "homedir" | "platform" | "fs" | "uid" | "gid">;

export function sessionCachePath(deps: CacheDeps, key: SessionKey): string {
  return join(sessionCacheDir(deps), sessionCacheName(key));
}

/** The folder of the session files (logout --all empties it). */
export function sessionCacheDir(deps: Pick<Deps, "env" | "homedir" | "platform">): string {
  return join(cacheDir(deps.env, deps.homedir, deps.platform), "sessions");
}

/** The cached session, or undefined when there is none or it cannot be read. */
export async function readCachedSession(
  deps: CacheDeps,
  key: SessionKey,
): Promise<SessionCredentials | undefined> {
  return sessionOfCacheText(await readCacheFile(deps, sessionCachePath(deps, key)), key);
}

/**
 * The session of `key` in a session file's text ("" for none), as readCachedSession finds it
 * (`list` reads the files once, for their devices, and answers from those texts).
 */
export function sessionOfCacheText(text: string, key: SessionKey): SessionCredentials | undefined {
  const data = recordOfText<CacheFile>(text);
  if (data?.format !== SESSION_CACHE_FORMAT || data.serial !== key.serial) return undefined;
  return sessionOfRecord(data);
}

/**
 * A cache file's JSON, or undefined when it is missing or damaged: a damaged cache is not the
 * user's problem, a new session is fetched. A cache folder another user could change is the
 * user's problem (an error: see config/cache-folder.ts); a file in it that is not theirs, or
 * is a link, a FIFO or a device, is ignored. Shared with the role cache.
 */
export async function readCacheRecord<T>(
  deps: CacheDeps,
  path: string,
): Promise<Partial<T> | undefined> {
  return recordOfText<T>(await readCacheFile(deps, path));
}

/** A cache file's JSON from its text ("" for no file), or undefined (readCacheRecord). */
function recordOfText<T>(text: string): Partial<T> | undefined {
  // No file (a fresh login looks twice): no SyntaxError made and thrown for it.
  if (text === "") return undefined;
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === "object" && data !== null ? (data as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A cached session still good for more than `minRemainingSeconds`, else undefined: the one
 * rule for reusing an MFA session or a role session.
 */
export function stillGood(
  cached: SessionCredentials | undefined,
  minRemainingSeconds: number,
  now: number,
): SessionCredentials | undefined {
  return cached && secondsLeft(cached, now) > minRemainingSeconds ? cached : undefined;
}

/** Seconds of validity left, by AWS's clock when the session knows how far ours is off. */
export function secondsLeft(
  session: { expiration: Date; clock?: ClockOffset | undefined },
  now: number,
): number {
  return secondsLeftAt(session, now);
}

/** The cache key of a plan's session: its long-term key and device. */
export function sessionKey(plan: { longTerm: { keyId: string }; serial: string }): SessionKey {
  return { longTermKeyId: plan.longTerm.keyId, serial: plan.serial };
}

/** The cached session when it is still good for long enough. */
export async function reusableSession(
  key: SessionKey,
  minRemainingSeconds: number,
  deps: CacheDeps & Pick<Deps, "clock">,
): Promise<SessionCredentials | undefined> {
  return stillGood(await readCachedSession(deps, key), minRemainingSeconds, deps.clock.now());
}

/** True when a session has more than `minRemainingSeconds` left (cache.ts stillGood). */
export function isReusable(
  session: SessionCredentials,
  minRemainingSeconds: number,
  deps: Pick<Deps, "clock">,
): boolean {
  return stillGood(session, minRemainingSeconds, deps.clock.now()) !== undefined;
}
