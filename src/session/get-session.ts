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

import type { AwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { debug } from "../ui/debug.ts";
import { loginInputs, lookUpSession, obtainedKey } from "./cached.ts";
import { obtainSession } from "./obtain.ts";
import { completePlan } from "./plan.ts";
import { requireKnownProfile } from "./profile-exists.ts";
import type { SessionRequest, SessionResult } from "./request.ts";
import { resolveRoleChain } from "./roles/role-chain.ts";

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
  // The caller's write goes with an MFA session of its own profile, not a role's base session.
  if (chain) {
    // The role code loads for a role profile only: an MFA session needs none of it.
    const { getRoleSession } = await import("./roles/role-session.ts");
    return getRoleSession(files, chain, { ...request, alongside: undefined }, deps, getMfaSession);
  }
  return getMfaSession(files, request, deps);
}

/** The MFA session of a profile that is not a role profile. */
async function getMfaSession(
  files: AwsFiles,
  request: SessionRequest,
  deps: Deps,
): Promise<SessionResult> {
  const { found, local, context } = await lookUpSession(files, request, deps);
  if (found) return found;
  // GetSessionToken will be called: its endpoint and proxy settings are checked now, before
  // the device is looked up or a code asked for (a cached login never checks them).
  local.sts();
  // Before any network call, so that a code-source setting that is wrong costs no AWS call.
  const otp = request.otp(local);
  const inputs = loginInputs(request);
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
      // lookUpSession looked when the device was known; a discovered one was not looked for.
      cacheChecked: local.serial !== undefined,
      whileWaiting: request.whileWaiting,
      alongside: request.alongside,
    },
    deps,
  );
  request.obtained?.set(id, session);
  return { session, reused, context, plan };
}
