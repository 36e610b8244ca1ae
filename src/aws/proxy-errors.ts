/**
 * Failures of the proxy in HTTPS_PROXY / HTTP_PROXY (fetch honours them, fetch-handler.ts),
 * told as the proxy's, not AWS's: without this a proxy that wants a password came out as
 * "GetSessionToken failed (profile ...)" with exit 4, as if AWS had refused the keys.
 *
 * What fetch gives: a refused CONNECT (an https endpoint) rejects with code ERR_PROXY_TUNNEL and
 * the proxy's status; a forwarded http request comes back as the proxy's own answer, 407 being
 * only ever a proxy's; a proxy URL of a scheme fetch cannot use (socks5://) rejects with
 * UnsupportedProxyProtocol. None of these carries the proxy's URL, so its password (user:pass@)
 * cannot reach a message; the messages name the variable, never its value.
 */
import { NetworkError, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { checkedProxy } from "../system/proxy-check.ts";

interface ProxyErrorShape {
  code?: unknown;
  status?: unknown;
  statusText?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The scheme whose proxy variables fetch reads for `endpoint` (no override: AWS's https). */
function schemeOf(endpoint: string | undefined): "http" | "https" {
  return endpoint?.toLowerCase().startsWith("http:") ? "http" : "https";
}

/** The variable fetch took the proxy from, for an endpoint (lower case and ALL_PROXY too). */
function proxyVariable(endpoint: string): string {
  return `${schemeOf(endpoint).toUpperCase()}_PROXY`;
}

/** A UserError when the proxy, not AWS, refused the call; undefined otherwise. */
export function proxyFailure(
  error: unknown,
  call: { endpoint: string; proxy?: string | undefined },
): UserError | undefined {
  const e = (error ?? {}) as ProxyErrorShape;
  // The variable the proxy came from (proxySetting's words start with it: https_proxy,
  // ALL_PROXY, ...), else the scheme's upper-case one.
  const variable = call.proxy?.split(" ")[0] ?? proxyVariable(call.endpoint);
  if (e.code === "UnsupportedProxyProtocol") {
    return new UserError(
      `The proxy in ${variable} (or its lower-case or ALL_PROXY form) is not one awsmfa can use.`,
      {
        code: "config",
        hint: `Give an http:// or https:// proxy URL (socks proxies are not supported), or unset ${variable} to reach ${call.endpoint} directly.`,
        cause: error,
      },
    );
  }
  const tunnel = e.code === "ERR_PROXY_TUNNEL";
  const status = tunnel ? e.status : e.$metadata?.httpStatusCode;
  if (!tunnel && status !== 407) return undefined;
  const said =
    typeof status === "number"
      ? ` (HTTP ${status}${tunnel && typeof e.statusText === "string" && e.statusText ? ` ${printableInLine(e.statusText)}` : ""})`
      : "";
  const wantsLogin = status === 407;
  return new NetworkError(
    `Could not reach AWS STS/IAM at ${call.endpoint}: the proxy refused the connection${said}.`,
    {
      hint: wantsLogin
        ? `The proxy in ${variable} wants a user name and password, or others than given: put them in its URL (http://USER:PASSWORD@HOST:PORT, with @ : / % in them written %40 %3A %2F %25), or list the host in NO_PROXY to reach it without the proxy.`
        : `Check the proxy in ${variable} (its address, user name and password), or list the host in NO_PROXY to reach it without the proxy.`,
      cause: error,
    },
  );
}

/**
 * The proxy a call to `url` goes through, as "HTTPS_PROXY is set (the proxy HOST:PORT)", for
 * the hint of a network error and --debug: fetch reports a proxy that refused or timed out
 * exactly as the endpoint doing so. Undefined when the call goes direct: no variable applies
 * to its scheme, or NO_PROXY exempts its host (system/proxy-env.ts, fetch's own rules), so a
 * user is never sent to look at a proxy that was not used. A value that is no proxy URL
 * throws (exit 3, system/proxy-check.ts). Only host and port are said: anything up to the
 * last @ (user:password) and any path are cut off, so no password can reach the message.
 */
export function proxySetting(
  env: Record<string, string | undefined>,
  url: string,
): string | undefined {
  const choice = checkedProxy(env, url);
  if (!choice) return undefined;
  const host = choice.value
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/^.*@/s, "")
    .replace(/[/?#].*$/s, "");
  return `${choice.variable} is set (the proxy ${printableInLine(host)})`;
}

/**
 * What to do about the proxy a failed call went through (`proxy`: proxySetting's words), for
 * every network error's hint: login's and IAM's calls, the console's sign-in, doctor's clock.
 */
export function proxyAdvice(proxy: string): string {
  return `${proxy}: if that proxy is down or wrong, fix or unset the variable, or list the host in NO_PROXY.`;
}
