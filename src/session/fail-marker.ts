/**
 * The marker a failed MFA-lock holder leaves beside the lock, `<cache file>.failed`: its exit
 * code, message and hint, and when it failed. Callers that were waiting for that holder read
 * it when they get the lock and fail the same way instead of asking again: one Ctrl-C (or one
 * "wrong device") per device, not one per waiting SDK client.
 *
 * It is honoured only by callers that started waiting before it was written, and only for a
 * few seconds; a new run prompts normally. It holds no secret (messages never do), is written
 * 0600 in the cache folder (one only this user may change: config/cache-folder.ts), never
 * through a link, and is ignored unless it is a plain file of this user that nobody else may
 * write: a marker planted by someone else cannot make awsmfa fail.
 */
import { writeCacheFile } from "../config/cache-file-write.ts";
import { readCacheFile } from "../config/cache-folder.ts";
import type { Deps } from "../deps.ts";
import { ExitCode, type ExitCodeName, UserError } from "../errors.ts";

/** How long a marker counts: enough for every waiter of a burst to wake and read it. */
export const FAIL_MARKER_LIFE_MS = 5_000;

interface Marker {
  at: number;
  code: ExitCodeName;
  message: string;
  hint?: string | undefined;
}

/** Codes of failures that the next caller would only repeat. */
const REPEATABLE: readonly ExitCodeName[] = ["cancelled", "noTerminal", "config", "otpSource"];

/**
 * Whether another try would fail the same way: cancelled, nobody to ask, a setting or device
 * that is wrong, keys AWS refused. Not a code AWS rejected (the next caller asks for a new one),
 * not the network (it may be back), not a bug.
 */
export function repeatable(error: unknown): error is UserError {
  if (!(error instanceof UserError)) return false;
  if (REPEATABLE.includes(error.code)) return true;
  return error.code === "auth" && !/MFA code/.test(error.message);
}

export function failMarkerPath(lockedPath: string): string {
  return `${lockedPath}.failed`;
}

export async function writeFailMarker(deps: Deps, lockedPath: string, error: UserError) {
  const marker: Marker = {
    at: deps.clock.now(),
    code: error.code,
    message: error.message,
    hint: error.hint,
  };
  await writeCacheFile(deps, failMarkerPath(lockedPath), `${JSON.stringify(marker)}\n`);
}

/** The failure to repeat, when a holder failed after `since` and not too long ago. */
export async function readFailMarker(
  deps: Deps,
  lockedPath: string,
  since: number,
): Promise<UserError | undefined> {
  const text = await readCacheFile(deps, failMarkerPath(lockedPath));
  // The usual case, no marker: not a SyntaxError thrown and caught (each fresh login asks).
  if (text === "") return undefined;
  try {
    const marker = JSON.parse(text) as Partial<Marker>;
    const now = deps.clock.now();
    if (typeof marker.at !== "number" || marker.at < since) return undefined;
    if (now - marker.at > FAIL_MARKER_LIFE_MS) return undefined;
    if (typeof marker.message !== "string" || !Object.hasOwn(ExitCode, marker.code ?? "")) {
      return undefined;
    }
    return new UserError(marker.message, {
      code: marker.code as ExitCodeName,
      ...(typeof marker.hint === "string" ? { hint: marker.hint } : {}),
    });
  } catch {
    return undefined;
  }
}

/** A success makes any marker moot; removed best effort (a stale one is ignored anyway). */
export async function clearFailMarker(deps: Pick<Deps, "fs">, lockedPath: string) {
  await deps.fs.unlink(failMarkerPath(lockedPath)).catch(() => undefined);
}
