/**
 * Gets an MFA session for a plan: reuse the cached one while it has enough time left (no
 * prompt, no network, no SDK), else ask for a code and call STS GetSessionToken, then cache
 * the answer.
 */

import { preloadStsClient } from "../aws/clients.ts";
import type { Credentials, SessionCredentials } from "../aws/credentials.ts";
import { getSessionToken } from "../aws/sts.ts";
import { checkCall } from "../aws/target.ts";
import { formatDuration, ROOT_MAX_SESSION_SECONDS } from "../config/durations.ts";
import type { Deps } from "../deps.ts";
import { AuthError } from "../errors.ts";
import {
  prepareWindowRecord,
  recordUsedWindow,
  waitForUnusedWindow,
  windowAt,
} from "../otp/reuse-guard.ts";
import type { OtpSource } from "../otp/source.ts";
import { debug } from "../ui/debug.ts";
import { reusableSession, secondsLeft, sessionCachePath, sessionKey } from "./cache.ts";
import { writeCachedSession } from "./cache-write.ts";
import { explainForeignDevice, isForeignDeviceError } from "./foreign-device.ts";
import { sessionHoldMs } from "./hold-budget.ts";
import type { LoginPlan } from "./local-plan.ts";
import { longTermCredentials } from "./long-term-credentials.ts";
import { newSessionLineSetUp, noteClock } from "./messages.ts";
import { withMfaLock } from "./mfa-lock.ts";
import type { SessionRequest } from "./request.ts";

export interface ObtainOptions {
  durationSeconds: number;
  /** Reuse a cached session only if it has more than this many seconds left. */
  minRemainingSeconds: number;
  force: boolean;
  otp: OtpSource;
  /**
   * The caller looked in the cache for this session a moment ago (cached.ts lookUpSession):
   * no second look before the lock. The look under the lock, which counts, stays.
   */
  cacheChecked?: boolean;
  /** The caller's work while GetSessionToken is out (SessionRequest.whileWaiting). */
  whileWaiting?: (() => void) | undefined;
  /** The caller's write of a new session, with the cache's (SessionRequest.alongside). */
  alongside?: SessionRequest["alongside"];
}

export interface Obtained {
  session: SessionCredentials;
  reused: boolean;
}

/** How many codes a person may type before we give up on a rejected code. */
const INTERACTIVE_ATTEMPTS = 3;
/** An automatic code AWS refused is retried once, in the next window. */
const AUTOMATIC_ATTEMPTS = 2;
/** A person needs seconds for a code, a password manager 100s of ms; the question is out well within this. */
const PRELOAD_AFTER_MS = 50;

export async function obtainSession(
  plan: LoginPlan,
  options: ObtainOptions,
  deps: Deps,
): Promise<Obtained> {
  const key = sessionKey(plan);
  const reuse = async () =>
    options.force ? undefined : reusableSession(key, options.minRemainingSeconds, deps);
  const before = options.cacheChecked ? undefined : await reuse();
  if (before) return { session: before, reused: true };
  // The call's settings (endpoint, proxy, CA bundle), checked before the lock and the code.
  await checkCall(plan.sts);
  // One code for many callers (terraform starts many SDK clients, each running
  // credential-process): the first takes the lock and asks; the others wait, then find its
  // session in the cache.
  const holdForMs = sessionHoldMs(plan.longTerm, options.otp, deps.env);
  const path = sessionCachePath(deps, key);
  return withMfaLock(
    path,
    deps,
    async (tidy) => {
      const meanwhile = await reuse();
      if (meanwhile) debug(deps, "another awsmfa cached a session while this one waited");
      if (meanwhile) return { session: meanwhile, reused: true };
      debug(deps, `asking ${options.otp.name} for a code for ${plan.serial}`);
      const duration = effectiveDuration(plan, options.durationSeconds, deps);
      // The lock folder's clean-up (a listing, claims and temp files killed processes left) is
      // done while GetSessionToken is out, not before the code is asked for; so is the
      // code-window record's path and the look at its folder (prepareWindowRecord).
      let windowRecord: string | undefined;
      const whileWaiting = bothOf(options.whileWaiting, () => {
        void tidy();
        windowRecord = prepareWindowRecord(deps, plan.serial);
      });
      const asking = { otp: options.otp, whileWaiting };
      const { session, window } = await askAndCall(plan, asking, duration, deps);
      // Two small files of their own, both under the lock: written at once (their reads, renames
      // and lock files interleave; a fresh login -1 ms). The record never fails. Both begin only
      // in `keep`, which `alongside` runs once [PROFILE]'s new text is on its way to the disk: begun
      // before, their work would delay that flush, the longest wait of a login's writes.
      const keep = async () => {
        const [cached] = await Promise.allSettled([
          writeCachedSession(deps, key, session, true, path),
          // Best effort: an unwritable cache folder costs the guard, not the session AWS gave.
          recordUsedWindow(deps, plan.serial, window, windowRecord).catch(() => undefined),
        ]);
        if (cached.status === "rejected") throw cached.reason;
      };
      await (options.alongside ? options.alongside(session, keep) : keep());
      return { session, reused: false };
    },
    "Waiting for another awsmfa that is getting a session for this MFA device...",
    holdForMs,
  );
}

const ROOT_DEVICE_SUFFIX = ":mfa/root-account-mfa-device";

/** Root sessions are capped at one hour by AWS; say so before, not after. */
function effectiveDuration(plan: LoginPlan, requested: number, deps: Deps): number {
  // /:mfa\/root-account-mfa-device$/, without compiling it before the call.
  if (requested > ROOT_MAX_SESSION_SECONDS && plan.serial.endsWith(ROOT_DEVICE_SUFFIX)) {
    deps.io.stderr.write(
      `Note: AWS limits sessions of the root user to 1 hour; asking for 1h instead of ${formatDuration(requested)}.\n`,
    );
    return ROOT_MAX_SESSION_SECONDS;
  }
  return requested;
}

/** The session, and the window of the code AWS accepted for it (for the reuse guard's record). */
async function askAndCall(
  plan: LoginPlan,
  { otp, whileWaiting }: Pick<ObtainOptions, "otp" | "whileWaiting">,
  durationSeconds: number,
  deps: Deps,
): Promise<{ session: SessionCredentials; window: number }> {
  const meanwhile = bothOf(newSessionLineSetUp(deps), whileWaiting);
  let previousProblem: string | undefined;
  let refused: number | undefined;
  for (let attempt = 1; ; attempt++) {
    // The reuse guard (otp/reuse-guard.ts): never send an automatic code AWS has already seen.
    if (otp.automatic) await waitForUnusedWindow(deps, plan.serial, refused);
    const asked = otp.code(
      { profile: plan.profile, serial: plan.serial, attempt, previousProblem },
      deps,
    );
    // The SDK loads while the code is on its way (a person typing, a password manager), once
    // the question is out: loading it at once would delay the prompt, or the start of the
    // source's program. A code that comes sooner cancels it: nothing to fill. A code typed
    // with --otp is there at once: no timer to set and cancel (the first timer of a run and
    // the promise's finally cost a fresh login ~0.3 ms where the call's own cost ~0.02).
    const tokenCode = otp.given ? await asked : await preloadedWhile(asked);
    const window = windowAt(deps.clock.now());
    let credentials: Credentials | undefined;
    try {
      credentials = await longTermCredentials(plan.longTerm, deps);
      const session = await getSessionToken(
        credentials,
        { serialNumber: plan.serial, tokenCode, durationSeconds },
        { ...plan.sts(), whileWaiting: meanwhile },
      );
      noteClock(session, deps);
      noteCappedDuration(session, durationSeconds, deps);
      return { session, window };
    } catch (error) {
      if (credentials && isForeignDeviceError(error)) {
        throw await explainForeignDevice(plan, credentials, error);
      }
      const rejected = error instanceof AuthError && /rejected the MFA code/.test(error.message);
      if (!rejected || attempt >= attemptsFor(otp)) throw error;
      if (otp.automatic) refused = window;
      previousProblem = `${error.message} Wait for the next code.`;
    }
  }
}

/** `asked`, with the SDK loading if the code takes more than PRELOAD_AFTER_MS to come. */
function preloadedWhile(asked: Promise<string>): Promise<string> {
  const preload = setTimeout(preloadStsClient, PRELOAD_AFTER_MS);
  return asked.finally(() => clearTimeout(preload));
}

/** Both pieces of work while AWS answers, each on its own (a failure of one spares the other). */
function bothOf(
  a: (() => void) | undefined,
  b: (() => void) | undefined,
): (() => void) | undefined {
  if (!a || !b) return a ?? b;
  return () => {
    try {
      a();
    } finally {
      b();
    }
  };
}

/** Codes AWS may refuse before we give up: a person retypes, an automatic source retries once. */
function attemptsFor(otp: OtpSource): number {
  if (otp.automatic) return AUTOMATIC_ATTEMPTS;
  return otp.name === "prompt" ? INTERACTIVE_ATTEMPTS : 1;
}

function noteCappedDuration(session: SessionCredentials, requested: number, deps: Deps): void {
  const granted = secondsLeft(session, deps.clock.now());
  if (granted < requested - 120) {
    deps.io.stderr.write(
      `Note: AWS granted ${formatDuration(granted)} instead of the ${formatDuration(requested)} asked for.\n`,
    );
  }
}
