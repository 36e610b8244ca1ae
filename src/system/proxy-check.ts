/**
 * A proxy setting that is no proxy URL ("not a url", ":::", a port past 65535, socks5://) is
 * the user's setting to fix, like a bad AWS_ENDPOINT_URL: exit 3 naming the variable, before
 * anything is sent. Left to fetch, it came out as a network failure (exit 5, "the host name
 * could not be resolved" or "the connection was refused") that blamed the network, and fetch
 * even looked the broken text up in DNS.
 *
 * Only the proxy that applies to the URL is checked (proxy-env.ts proxyFor): a broken
 * HTTP_PROXY does not stop an https call, nor does any proxy stop a host NO_PROXY exempts.
 */
import { UserError } from "../errors.ts";
import { type ProxyChoice, proxyFor } from "./proxy-env.ts";
import { shownUrl } from "./shown-url.ts";

/** Why fetch cannot use the proxy value, or undefined when it can. */
export function proxyValueProblem(value: string): string | undefined {
  if (/\s/.test(value)) return value.trim() === "" ? "it is blank" : "it has a space in it";
  // fetch reads a value without a scheme (HOST:PORT) as an http:// proxy.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  const url = URL.parse(scheme ? value : `http://${value}`);
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") {
    return `awsmfa can use http:// and https:// proxies, not ${scheme}://`;
  }
  if (url === null) {
    const port = /:(\d+)(?:[/?#]|$)/.exec(value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ""))?.[1];
    if (port !== undefined && Number(port) > 65535) return `its port ${port} is past 65535`;
    return "it is not a URL";
  }
  if (url.hostname === "") return "it names no host";
  if (url.port === "0") return "port 0 is no port";
  return undefined;
}

/** The proxy fetch will use for `url`, checked: a UserError (exit 3) when it is no URL. */
export function checkedProxy(
  env: Readonly<Record<string, string | undefined>>,
  url: string,
): ProxyChoice | undefined {
  const choice = proxyFor(env, url);
  if (!choice) return undefined;
  const wrong = proxyValueProblem(choice.value);
  if (wrong === undefined) return choice;
  throw badProxyError(choice, wrong);
}

export function badProxyError(choice: ProxyChoice, wrong: string): UserError {
  // A user and password in it are never shown.
  const shown = shownUrl(choice.value);
  return new UserError(`${choice.variable} "${shown}" is not a proxy awsmfa can use: ${wrong}.`, {
    hint: `Set ${choice.variable} to the proxy's URL (http://HOST:PORT, or http://USER:PASSWORD@HOST:PORT with @ : / % in them written %40 %3A %2F %25), or unset it to connect directly; hosts listed in NO_PROXY are reached without it.`,
  });
}
