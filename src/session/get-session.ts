/**
 * src/session/ (domain layer): getting a session: the plan, obtain, long-term keys, the MFA
 * device, the cache, the session in the environment and in the credentials file; roles/ for
 * AssumeRole. This file is its entry point. May import other domain folders and base; never
 * commands/ or above.
 *
 * The one way every command (login, exec, credential-process, console) gets a session for a
 * profile: plan from the files, reuse a cached session when it has enough time left (the
 * fast path: two small files, no SDK), else complete the plan and ask AWS. A role profile
 * (role_arn) takes one branch: roles/role-session.ts, on top of the MFA session of its source.
 */

import type { ClockOffset } from "../aws/clock-skew.ts";
import { maskKeyId } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { debug } from "../ui/debug.ts";
import { readCachedSession } from "./cache.ts";
import { reusableFileSession } from "./in-file.ts";
import { isReusable, obtainSession, sessionKey } from "./obtain.ts";
import { completePlan, type LocalPlan, planLocally } from "./plan.ts";
import { requireKnownProfile } from "./profile-exists.ts";
import type { SessionRequest, SessionResult } from "./request.ts";
import { resolveRoleChain } from "./roles/role-chain.ts";
import { getRoleSession } from "./roles/role-session.ts";

export async function getSession(
  files: AwsFiles,
  request: SessionRequest,
  deps: Deps,
): Promise<SessionResult> {
  requireKnownProfile(files, request.profile);
  const chain = resolveRoleChain(files, request.profile);
  if (chain) {
    const path = chain.roles.map((r) => `${r.profile} (${r.roleArn})`).join(" <- ");
    debug(deps, `profile chain: ${path} <- ${chain.base} (MFA session)`);
  } else {
    debug(deps, `profile ${request.profile}: no role_arn, an MFA session`);
  }
  if (chain) return getRoleSession(files, chain, request, deps, getMfaSession);
  return getMfaSession(files, request, deps);
}

/** The MFA session of a profile that is not a role profile. */
async function getMfaSession(
  files: AwsFiles,
  request: SessionRequest,
  deps: Deps,
): Promise<SessionResult> {
  const inputs = {
    profile: request.profile,
    longTermProfile: request.longTermProfile,
    serial: request.serial,
    region: request.region,
  };
  const local = planLocally(files, inputs, deps);
  traceLocalPlan(local, deps);
  if (local.region.note) deps.io.stderr.write(`${local.region.note}\n`);
  const context = { profile: request.profile, region: exportedRegion(local) };
  const earlier = local.serial && request.obtained?.get(obtainedKey(local.longTerm, local.serial));
  if (earlier) return { session: earlier, reused: true, context, plan: local };
  // The clock offset of the last session AWS gave for these keys: the file's expiration is in
  // AWS's time too, and a wrong local clock must not make it look longer or shorter.
  let clock: ClockOffset | undefined;
  if (local.serial && !request.force) {
    const key = sessionKey({ longTerm: local.longTerm, serial: local.serial });
    const known = await readCachedSession(deps, key);
    clock = known?.clock;
    const cached = known && isReusable(known, request.minRemainingSeconds, deps);
    debug(deps, cached ? "session cache: hit" : "session cache: miss (none, or too little left)");
    if (cached) return { session: known, reused: true, context, plan: local };
  }
  if (!request.force) {
    const now = deps.clock.now();
    const inFile = reusableFileSession(files, local, request.minRemainingSeconds, now, clock);
    if (inFile) debug(deps, `a session in ${files.paths.credentials} has enough time left`);
    if (inFile) return { session: inFile, reused: true, context, plan: local };
  }
  // Before any network call, so that a code-source setting that is wrong costs no AWS call.
  const otp = request.otp(local);
  const plan = await completePlan(local, inputs, deps);
  const id = obtainedKey(plan.longTerm, plan.serial);
  const already = request.obtained?.get(id);
  if (already) return { session: already, reused: true, context, plan };
  const { session, reused } = await obtainSession(
    plan,
    {
      durationSeconds: request.durationSeconds,
      minRemainingSeconds: request.minRemainingSeconds,
      force: request.force,
      otp,
    },
    deps,
  );
  request.obtained?.set(id, session);
  return { session, reused, context, plan };
}

function traceLocalPlan(local: LocalPlan, deps: Deps): void {
  const keys = local.longTerm;
  debug(
    deps,
    `long-term keys ${maskKeyId(keys.keyId)} from profile ${keys.profile} (found by ${keys.via})`,
  );
  debug(
    deps,
    local.serial ? `MFA device ${local.serial}` : "no mfa_serial configured: will look it up",
  );
  debug(deps, `region ${local.region.region} (partition ${local.region.partition.id})`);
}

function obtainedKey(longTerm: LocalPlan["longTerm"], serial: string): string {
  return `${longTerm.keyId}\n${serial}`;
}

/**
 * The region the shell gets: the profile's own; else, outside the commercial partition, the
 * region the login used (cn-north-1 for an aws-cn device), because without it every AWS tool
 * in that shell would go to us-east-1, where these keys do not exist.
 */
export function exportedRegion(
  plan: Pick<LocalPlan, "profileRegion" | "region">,
): string | undefined {
  if (plan.profileRegion) return plan.profileRegion;
  return plan.region.partition.id === "aws" ? undefined : plan.region.region;
}
