/**
 * Every question awsmfa asks at the terminal has a deadline: a question left on a screen
 * nobody watches would otherwise wait for ever, holding whatever awsmfa holds meanwhile (the
 * MFA lock, for which every other caller waits). The MFA code's question gives up after the
 * code-source timeout, like the code dialog (otp/sources/prompt.ts, exit 8); every other
 * question (configure's, a confirmation, a choice of device, a passphrase) after
 * AWSMFA_QUESTION_TIMEOUT, default 5 minutes, with exit 7: nobody answered.
 */
import { exactDuration, parseDuration } from "../config/durations.ts";
import { UsageError, UserError } from "../errors.ts";

export interface Deadline {
  ms: number;
  /** The error for a question left unanswered this long: what happened, what to do. */
  expired(): UserError;
}

export const QUESTION_TIMEOUT_VARIABLE = "AWSMFA_QUESTION_TIMEOUT";
export const DEFAULT_QUESTION_TIMEOUT_MS = 5 * 60_000;

/** The deadline of a question that is not the MFA code's, e.g. "the access key id". */
export function questionDeadline(env: Readonly<Record<string, string | undefined>>): Deadline {
  const ms = questionTimeoutMs(env);
  return {
    ms,
    expired: () =>
      new UserError(
        `The question at the terminal was not answered within ${exactDuration(ms / 1000)}; awsmfa gave up and changed nothing.`,
        {
          code: "noTerminal",
          hint: `Run the command again and answer, or allow more time with ${QUESTION_TIMEOUT_VARIABLE}=15m.`,
        },
      ),
  };
}

function questionTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env[QUESTION_TIMEOUT_VARIABLE]?.trim();
  if (!raw) return DEFAULT_QUESTION_TIMEOUT_MS;
  const seconds = parseDuration(raw, QUESTION_TIMEOUT_VARIABLE);
  if (seconds < 1) {
    throw new UsageError(`${QUESTION_TIMEOUT_VARIABLE} must be at least 1 second.`, {
      hint: "For example 90s, 5m, 15m.",
    });
  }
  return seconds * 1000;
}
