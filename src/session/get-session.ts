/**
 * The one way every command (login, and later exec and credential-process) gets a session for
 * a profile: plan from the files, reuse a cached session when it has enough time left (the
 * fast path: two small files, no SDK), else complete the plan and ask AWS.
 */
import type { SessionCredentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import type { OtpSource } from "../otp/source.ts";
import type { SessionContext } from "../output/variables.ts";
import { obtainSession, reusableSession, sessionKey } from "./obtain.ts";
import { completePlan, type LocalPlan, planLocally } from "./plan.ts";
import { requireKnownProfile } from "./profile-exists.ts";

export interface SessionRequest {
  profile: string;
  longTermProfile?: string | undefined;
  serial?: string | undefined;
  region?: string | undefined;
  durationSeconds: number;
  minRemainingSeconds: number;
  force: boolean;
  /** Asked only when a new session is needed; the plan says which profiles to read it from. */
  otp: (plan: LocalPlan) => OtpSource;
}

export interface SessionResult {
  session: SessionCredentials;
  reused: boolean;
  /** What the environment should say about it (profile, region). */
  context: SessionContext;
  plan: LocalPlan;
}

export async function getSession(
  files: AwsFiles,
  request: SessionRequest,
  deps: Deps,
): Promise<SessionResult> {
  requireKnownProfile(files, request.profile);
  const inputs = {
    profile: request.profile,
    longTermProfile: request.longTermProfile,
    serial: request.serial,
    region: request.region,
  };
  const local = planLocally(files, inputs, deps);
  if (local.region.note) deps.io.stderr.write(`${local.region.note}\n`);
  const context = { profile: request.profile, region: local.profileRegion };
  if (local.serial && !request.force) {
    const key = sessionKey({ longTerm: local.longTerm, serial: local.serial });
    const cached = await reusableSession(key, request.minRemainingSeconds, deps);
    if (cached) return { session: cached, reused: true, context, plan: local };
  }
  // Before any network call, so that a code-source setting that is wrong costs no AWS call.
  const otp = request.otp(local);
  const plan = await completePlan(files, local, inputs, deps);
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
  return { session, reused, context, plan };
}
