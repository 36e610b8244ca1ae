/**
 * What a command asks of getSession and what it gets back. Types only, apart from
 * get-session.ts so that roles/role-session.ts can name them without importing the module
 * that calls it (an import cycle).
 */
import type { SessionCredentials } from "../aws/credentials.ts";
import type { OtpSource } from "../otp/source.ts";
import type { SessionContext } from "../output/variables.ts";
import type { LocalPlan } from "./local-plan.ts";

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
  /**
   * Sessions this run already obtained, by long-term key and device: a multi-profile login
   * reuses them even with --force, so each device costs one code.
   */
  obtained?: Map<string, SessionCredentials>;
  /** Role profiles: the role session's length (default: duration_seconds, else 1 h). */
  roleDurationSeconds?: number | undefined;
  /**
   * What the caller will do with a new session, begun while GetSessionToken is out (the one
   * time in a login the main thread has nothing else to do): login has the edit of [PROFILE]
   * made once, on the text it read, so that the edit under the lock runs warm. Not called
   * for a cached session; a failure in it is ignored (the real work will meet it again).
   */
  whileWaiting?: (() => void) | undefined;
  /**
   * The caller's own write of a new MFA session, made together with the session cache's:
   * `keep` writes the cache, and must have succeeded before the caller's file changes (login:
   * profiles/write-session.ts writeSessionAlongside, which flushes [PROFILE]'s new text while
   * the cache is written). Called at most once, under the MFA lock, only for a session just
   * obtained from AWS and only for a profile that is not a role profile; when it is not
   * called, the caller writes afterwards as usual.
   */
  alongside?:
    | ((session: SessionCredentials, keep: () => Promise<void>) => Promise<void>)
    | undefined;
}

export interface SessionResult {
  session: SessionCredentials;
  reused: boolean;
  /** What the environment should say about it (profile, region). */
  context: SessionContext;
  plan: LocalPlan;
  /**
   * Set for a role profile: `session` is then the role's, and `plan` that of the MFA profile
   * at the bottom of the chain (never write the role session into that profile's section).
   */
  role?: RoleSessionInfo;
}

export interface RoleSessionInfo {
  roleArn: string;
  /** The profile whose session assumed the role (a role itself when chained). */
  sourceProfile: string;
  /** The MFA profile at the bottom of the chain. */
  baseProfile: string;
  chained: boolean;
  /** The MFA session of baseProfile, when this run needed it (not on the cached path). */
  base: SessionResult | undefined;
}
