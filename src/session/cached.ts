/**
 * The MFA session a login can have without asking AWS: one it got earlier in this run, the
 * cached one for its long-term keys and device, or a valid one already in [PROFILE] of the
 * credentials file. Files and the cache only, no SDK and no writer, so that the cached fast
 * path (commands/fast/) answers with this module alone; get-session.ts asks AWS when it finds
 * nothing.
 */
import type { ClockOffset } from "../aws/clock-skew.ts";
import { maskKeyId } from "../aws/credentials.ts";
import { exportedRegion } from "../aws/region.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { printableInLine } from "../system/printable.ts";
import { debug } from "../ui/debug.ts";
import { isReusable, readCachedSession, sessionKey } from "./cache.ts";
import { reusableFileSession } from "./in-file.ts";
import { type LocalPlan, planLocally } from "./local-plan.ts";
import type { SessionRequest, SessionResult } from "./request.ts";

export interface CacheLookup {
  /** The session found, if any. */
  found: SessionResult | undefined;
  local: LocalPlan;
  context: SessionResult["context"];
  /** The clock offset recorded with the last session AWS gave for these keys, if any. */
  clock: ClockOffset | undefined;
}

export async function lookUpSession(
  files: AwsFiles,
  request: SessionRequest,
  deps: Deps,
): Promise<CacheLookup> {
  const local = planLocally(files, loginInputs(request), deps);
  traceLocalPlan(local, deps);
  if (local.region.note) deps.io.stderr.write(`${local.region.note}\n`);
  const context = { profile: request.profile, region: exportedRegion(local) };
  const lookup = (found: SessionResult["session"] | undefined, clock?: ClockOffset) => ({
    found: found && { session: found, reused: true, context, plan: local },
    local,
    context,
    clock,
  });
  const earlier = local.serial && request.obtained?.get(obtainedKey(local.longTerm, local.serial));
  if (earlier) return lookup(earlier);
  // The clock offset of the last session AWS gave for these keys: the file's expiration is in
  // AWS's time too, and a wrong local clock must not make it look longer or shorter.
  let clock: ClockOffset | undefined;
  if (local.serial && !request.force) {
    const key = sessionKey({ longTerm: local.longTerm, serial: local.serial });
    const known = await readCachedSession(deps, key);
    clock = known?.clock;
    const cached = known && isReusable(known, request.minRemainingSeconds, deps);
    debug(deps, cached ? "session cache: hit" : "session cache: miss (none, or too little left)");
    if (cached) return lookup(known, clock);
  }
  if (!request.force) {
    const now = deps.clock.now();
    const inFile = reusableFileSession(files, local, request.minRemainingSeconds, now, clock);
    if (inFile)
      debug(deps, `a session in ${printableInLine(files.paths.credentials)} has enough time left`);
    if (inFile) return lookup(inFile, clock);
  }
  return lookup(undefined, clock);
}

export function loginInputs(request: SessionRequest) {
  return {
    profile: request.profile,
    longTermProfile: request.longTermProfile,
    serial: request.serial,
    region: request.region,
  };
}

function traceLocalPlan(local: LocalPlan, deps: Deps): void {
  const keys = local.longTerm;
  debug(
    deps,
    `long-term keys ${maskKeyId(keys.keyId)} from profile ${printableInLine(keys.profile)} (found by ${keys.via})`,
  );
  debug(
    deps,
    local.serial ? `MFA device ${local.serial}` : "no mfa_serial configured: will look it up",
  );
  debug(deps, `region ${local.region.region} (partition ${local.region.partition.id})`);
}

/** The key of a session got earlier in this run (SessionRequest.obtained). */
export function obtainedKey(longTerm: LocalPlan["longTerm"], serial: string): string {
  return `${longTerm.keyId}\n${serial}`;
}
