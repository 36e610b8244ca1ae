/**
 * The AWS console federation endpoint: a role session becomes a sign-in token
 * (Action=getSigninToken), and the token a one-time sign-in URL (Action=login). The URL is a
 * secret for 15 minutes: it is only ever printed to stdout with --print or handed to the
 * browser, never put in a message, a log or another program's argv.
 */
import type { SessionCredentials } from "../../aws/credentials.ts";
import type { Partition } from "../../aws/partition.ts";
import { proxyAdvice } from "../../aws/proxy-errors.ts";
import { AuthError, NetworkError } from "../../errors.ts";
import { readCappedBody } from "../../system/capped-body.ts";
import { fetchFailureReason } from "../../system/fetch-failure.ts";

export const SIGNIN_TIMEOUT_MS = 8000;
/**
 * A sign-in token answer is a few KB of JSON. The endpoint may be anything AWS_ENDPOINT_URL
 * points at (a portal, a proxy, a hostile server), and an endless body read whole grew to GBs
 * within the deadline: past this size it is no answer from AWS.
 */
export const SIGNIN_ANSWER_MAX_BYTES = 256 * 1024;
export const ISSUER = "awsmfa";

/** https://signin.aws.amazon.com/federation, or the override's /federation. */
export function federationEndpoint(partition: Partition, override: string | undefined): string {
  if (!override) return `https://${partition.signinHost}/federation`;
  const base = override.replace(/\/+$/, "");
  return base.endsWith("/federation") ? base : `${base}/federation`;
}

export async function getSigninToken(
  session: SessionCredentials,
  endpoint: string,
  /** The proxy the request goes through (proxy-errors.ts proxySetting), for the hint. */
  how: { proxy?: string | undefined; ca?: string[] | undefined; fetchFn?: typeof fetch } = {},
): Promise<string> {
  const fetchFn = how.fetchFn ?? fetch;
  const query = new URLSearchParams({
    Action: "getSigninToken",
    Session: JSON.stringify({
      sessionId: session.accessKeyId,
      sessionKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    }),
  });
  const where = new URL(endpoint).host;
  let response: Response;
  // One deadline for the headers and the whole body: a dripping answer cannot hang us.
  const signal = AbortSignal.timeout(SIGNIN_TIMEOUT_MS);
  try {
    response = await fetchFn(`${endpoint}?${query}`, {
      signal,
      redirect: "manual",
      // AWS_CA_BUNDLE / ca_bundle, trusted instead of the built-in CAs (aws/ca-bundle.ts).
      ...(how.ca ? { tls: { ca: how.ca } } : {}),
    });
  } catch (error) {
    // The error's message carries the URL, and the URL the session: only its code's words.
    const reason = fetchFailureReason(error);
    throw new NetworkError(
      `Could not reach the AWS sign-in endpoint ${where}${reason ? `: ${reason}` : ""}.`,
      {
        hint: `Check your network connection, VPN or proxy. If you set AWS_ENDPOINT_URL_SIGNIN or AWS_ENDPOINT_URL, check that it is right.${how.proxy ? ` ${proxyAdvice(how.proxy)}` : ""}`,
      },
    );
  }
  const token = response.ok ? await signinTokenOf(response, where) : undefined;
  if (!response.ok) await response.body?.cancel().catch(() => undefined);
  if (!token && signal.aborted) {
    throw new NetworkError(`The AWS sign-in endpoint ${where} did not finish answering in time.`, {
      hint: "Check your network connection, VPN or proxy, then try again.",
    });
  }
  if (!token) {
    throw new AuthError(
      `The AWS sign-in endpoint ${where} did not accept the role session (HTTP ${response.status}).`,
      {
        hint: "Run the command again: a new role session is taken when the cached one is too short. If it keeps failing, check AWS_ENDPOINT_URL_SIGNIN and AWS_ENDPOINT_URL.",
      },
    );
  }
  return token;
}

async function signinTokenOf(response: Response, where: string): Promise<string | undefined> {
  const tooLarge = () =>
    new NetworkError(
      `The AWS sign-in endpoint ${where} sent more than ${SIGNIN_ANSWER_MAX_BYTES / 1024} KB: that is not an answer from AWS.`,
      {
        hint: "A proxy, captive portal or wrong AWS_ENDPOINT_URL_SIGNIN or AWS_ENDPOINT_URL may be answering instead of AWS. Check your network and endpoint settings, then try again.",
      },
    );
  try {
    const bytes = await readCappedBody(response.body, SIGNIN_ANSWER_MAX_BYTES, tooLarge);
    const body = JSON.parse(new TextDecoder().decode(bytes)) as { SigninToken?: unknown };
    return typeof body.SigninToken === "string" && body.SigninToken ? body.SigninToken : undefined;
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    return undefined;
  }
}

/** The one-time sign-in URL that opens `destination` in the console. */
export function loginUrl(endpoint: string, token: string, destination: string): string {
  const query = new URLSearchParams({
    Action: "login",
    Issuer: ISSUER,
    Destination: destination,
    SigninToken: token,
  });
  return `${endpoint}?${query}`;
}
