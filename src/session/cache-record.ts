/**
 * The session a cache record holds (session and role caches alike), checked field by field:
 * a record is JSON from a file, and a damaged one means "no session", never a crash. Pure, so
 * that the cached fast path can read records without the cache folder's code.
 */
import type { ClockOffset } from "../aws/clock-skew.ts";
import type { SessionCredentials } from "../aws/credentials.ts";
import { digest128 } from "../fs/hash.ts";

/** The session records' format (cache-write.ts writes it). */
export const SESSION_CACHE_FORMAT = 1;

/** The session a cache record holds, if it holds a whole one. */
export function sessionOfRecord(data: {
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  sessionToken?: string | undefined;
  expiration?: string | undefined;
  clock?: Partial<ClockOffset> | undefined;
}): SessionCredentials | undefined {
  // Each a non-empty string: a number or a list in the JSON would reach the shell quoting
  // (a crash) or credential-process's output (a session the SDK cannot use).
  if (
    !filled(data.accessKeyId) ||
    !filled(data.secretAccessKey) ||
    !filled(data.sessionToken) ||
    !filled(data.expiration)
  ) {
    return undefined;
  }
  const expiration = new Date(data.expiration);
  if (Number.isNaN(expiration.getTime())) return undefined;
  return {
    accessKeyId: data.accessKeyId,
    secretAccessKey: data.secretAccessKey,
    sessionToken: data.sessionToken,
    expiration,
    clock: clockOfRecord(data.clock),
  };
}

function filled(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function clockOfRecord(clock: Partial<ClockOffset> | undefined): ClockOffset | undefined {
  const { offsetMs, measuredAt } = clock ?? {};
  if (!Number.isFinite(offsetMs) || !Number.isFinite(measuredAt)) return undefined;
  return { offsetMs: offsetMs as number, measuredAt: measuredAt as number };
}

/** The file name of a session's cache file (`list` compares it with the folder's listing). */
export function sessionCacheName(key: { longTermKeyId: string; serial: string }): string {
  return `${digest128(`${key.longTermKeyId}\n${key.serial}`)}.json`;
}
