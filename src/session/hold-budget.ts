/**
 * How long a holder of the MFA lock may hold it: the deadlines of everything it does under the
 * lock, added up. The holder writes it in the lock (fs/lock.ts holdForMs), and its waiters
 * wait that long (plus a margin, up to MFA_LOCK.maxWaitMs) instead of a fixed 5 minutes: with
 * --otp-timeout 10m the holder may legitimately wait 10 minutes for a person, and waiters that
 * gave up at 5 failed callers (terraform's SDK clients) for nothing.
 *
 * Generous on purpose: a waiter wakes when the lock is let go, never later, so the sum only
 * matters for a holder that is stuck past its own deadlines, and a holder that dies is
 * noticed at once (its pid is gone).
 */
import { CALL_DEADLINE_MS } from "../aws/clients.ts";
import { callDeadlineMs } from "../aws/target.ts";
import type { Deps } from "../deps.ts";
import { PASS_TIMEOUT_MS } from "../keys/store.ts";
import { WINDOW_MS } from "../otp/reuse-guard.ts";
import type { OtpSource } from "../otp/source.ts";
import { PROMPT_TRIES } from "../otp/sources/prompt.ts";
import { questionDeadline } from "../ui/question-deadline.ts";
import type { LongTermKeys } from "./long-term.ts";
import { PROCESS_TIMEOUT_MS } from "./long-term-credentials.ts";

/** The code-source timeout when a source does not say (the prompt's default, 60 s a try). */
const DEFAULT_CODE_MS = PROMPT_TRIES * 60_000;
/** The most codes one login asks for (obtain.ts INTERACTIVE_ATTEMPTS, AUTOMATIC_ATTEMPTS). */
const MAX_CODES = 3;

/**
 * One AWS call's deadline, retries included (AWSMFA_AWS_TIMEOUT). From the variable, not a
 * call's target: working a target out checks settings of calls this holder may never make.
 */
function callMs(env: Deps["env"]): number {
  return callDeadlineMs(env) ?? CALL_DEADLINE_MS;
}

/** Reading the long-term keys' secret: a key store may ask for a passphrase or a PIN. */
function keyReadMs(longTerm: LongTermKeys, env: Deps["env"]): number {
  if (longTerm.source.kind === "file") return 0;
  if (longTerm.source.kind === "process") return PROCESS_TIMEOUT_MS;
  // pass (gpg's pinentry), or a passphrase asked at the terminal, perhaps twice.
  return Math.max(PASS_TIMEOUT_MS, 2 * questionDeadline(env).ms);
}

/** The session lock (obtain.ts): the keys, then per code: the reuse guard, the code, STS. */
export function sessionHoldMs(longTerm: LongTermKeys, otp: OtpSource, env: Deps["env"]): number {
  // The reuse guard waits at most for the next 30-second window (and a second).
  const perCode = WINDOW_MS + 1000 + (otp.maxWaitMs ?? DEFAULT_CODE_MS) + callMs(env);
  // After a refusal, one GetCallerIdentity may explain a device of another user.
  return keyReadMs(longTerm, env) + MAX_CODES * perCode + callMs(env);
}

/** The device lock (plan.ts): the keys, up to three IAM/STS calls, a choice of device. */
export function deviceHoldMs(longTerm: LongTermKeys, env: Deps["env"]): number {
  return keyReadMs(longTerm, env) + 3 * callMs(env) + questionDeadline(env).ms;
}
