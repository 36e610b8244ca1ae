/**
 * How far this computer's clock is from AWS's, from the Date header of an answer of the STS
 * endpoint awsmfa would call. The request is unsigned (AWS answers "missing authentication"
 * and still dates its answer), so no keys are sent and no SDK is loaded. The header has
 * whole seconds, so the offset is known to about a second.
 *
 * What the offset means and how it is said belongs to aws/clock-skew.ts (login says it too).
 */

import type { CaCertificates } from "../../aws/ca-bundle.ts";
import {
  CLOCK_FAIL_SECONDS,
  CLOCK_WARN_SECONDS,
  describeOffset,
  offSeconds,
  offsetFromDate,
} from "../../aws/clock-skew.ts";
import { proxyAdvice, proxySetting } from "../../aws/proxy-errors.ts";
import type { Deps } from "../../deps.ts";
import { UserError } from "../../errors.ts";
import { fetchFailureText } from "../../system/fetch-failure.ts";
import { shownUrl } from "../../system/shown-url.ts";
import { type Finding, ok, problem, warn } from "./finding.ts";

const TIMEOUT_MS = 5000;

export interface ClockReading {
  /** Server time minus local time, ms. */
  offsetMs: number;
}

export async function readClockOffset(
  endpoint: string,
  now: () => number,
  /** AWS_CA_BUNDLE / ca_bundle, trusted instead of the built-in CAs (aws/ca-bundle.ts). */
  ca?: string[],
): Promise<ClockReading | { error: string }> {
  const sent = now();
  let date: string | null;
  try {
    const answer = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(ca ? { tls: { ca } } : {}),
    });
    date = answer.headers.get("date");
    await answer.body?.cancel();
  } catch (error) {
    return { error: fetchFailureText(error) };
  }
  const offsetMs = offsetFromDate(date, sent, now());
  if (offsetMs === undefined) return { error: "the answer had no Date header" };
  return { offsetMs };
}

/**
 * The clock, read through the proxy the call would take (NO_PROXY weighed) and trusting the CA
 * bundle it would trust, as login's calls do: a proxy setting that is no URL, or a bundle that
 * cannot be used, is a problem of its own, reported without a request.
 */
export async function checkClock(
  endpoint: string,
  fix: string,
  deps: Pick<Deps, "env" | "clock">,
  certificates?: CaCertificates,
): Promise<Finding> {
  let proxy: string | undefined;
  let ca: string[] | undefined;
  try {
    proxy = proxySetting(deps.env, endpoint);
    ca = await certificates?.();
  } catch (error) {
    if (error instanceof UserError) return problem(error.message, error.hint);
    throw error;
  }
  return judgeClock(await readClockOffset(endpoint, deps.clock.now, ca), endpoint, fix, proxy);
}

export function judgeClock(
  reading: ClockReading | { error: string },
  endpoint: string,
  fix: string,
  /** The proxy the request went through (proxy-errors.ts proxySetting), if any. */
  proxy?: string,
): Finding {
  // A user and password in an endpoint setting are never shown.
  const where = shownUrl(endpoint);
  if ("error" in reading) {
    // The same words as a login's network error: the proxy may be what did not answer.
    return warn(
      `Could not reach STS at ${where} to compare clocks: ${reading.error}`,
      proxy ? proxyAdvice(proxy) : undefined,
    );
  }
  const seconds = offSeconds(reading.offsetMs);
  if (seconds === 0) return ok(`This computer's clock agrees with AWS (${where}).`);
  const text = `This computer's clock is ${describeOffset(reading.offsetMs)} (${where})`;
  if (seconds < CLOCK_WARN_SECONDS) return ok(`${text}.`);
  if (seconds < CLOCK_FAIL_SECONDS) {
    return warn(`${text}: codes computed on this computer may be refused.`, fix);
  }
  return problem(`${text}: AWS refuses requests signed with a clock that far off.`, fix);
}
