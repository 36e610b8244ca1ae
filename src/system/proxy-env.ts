/**
 * Which proxy fetch sends a request through, read from the environment exactly as the runtime
 * (Bun 1.4.5) reads it, so that what awsmfa says about a proxy (network hints, --debug, doctor)
 * is about the proxy that was really used, and a proxy setting that is no URL is told as the
 * setting to fix before anything is sent.
 *
 * The rules, each checked against Bun's fetch with a recording proxy on 127.0.0.1
 * (tests/system/proxy-env.test.ts runs the same table through the real fetch):
 * - https:// URLs use https_proxy, else HTTPS_PROXY; http:// URLs http_proxy, else HTTP_PROXY;
 *   then all_proxy, else ALL_PROXY. An empty value counts as unset; '' or "" (quotes kept by a
 *   careless .env) is set and means no proxy from that pair.
 * - no_proxy, else NO_PROXY (an empty, '' or "" no_proxy gives way to NO_PROXY): entries split
 *   on commas and white space, matched without regard to case:
 *   `*` exempts every host; `name`, `.name` and `*.name` exempt name and every host under it
 *   (on a dot boundary: `zonaws.com` does not exempt amazonaws.com); a trailing dot and [ ]
 *   around it are ignored; `entry:PORT` exempts only that port (the URL's, 443/80 if none),
 *   an entry whose port is not a number exempts nothing; IP addresses (v4 as written, v6 in any
 *   spelling) and CIDR ranges (127.0.0.0/8, ::/0) match only a URL whose host is an address,
 *   and names only names.
 */

export interface ProxyChoice {
  /** The variable the proxy came from, as spelled in the environment (https_proxy, ...). */
  variable: string;
  value: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const QUOTED_EMPTY = new Set(["''", '""']);

/** The first of the pair that is set (not ""), lower case first. */
function pick(env: Env, lower: string): { name: string; value: string } | undefined {
  for (const name of [lower, lower.toUpperCase()]) {
    const value = env[name];
    if (value !== undefined && value !== "") return { name, value };
  }
  return undefined;
}

/** The proxy fetch uses for `url`, NO_PROXY weighed; undefined when it goes direct. */
export function proxyFor(env: Env, url: string): ProxyChoice | undefined {
  const parsed = URL.parse(url);
  if (parsed === null) return undefined;
  const scheme = parsed.protocol === "http:" ? "http" : "https";
  let chosen: { name: string; value: string } | undefined;
  for (const lower of [`${scheme}_proxy`, "all_proxy"]) {
    const found = pick(env, lower);
    if (found && !QUOTED_EMPTY.has(found.value)) {
      chosen = found;
      break;
    }
  }
  if (!chosen || noProxyExempts(env, parsed)) return undefined;
  return { variable: chosen.name, value: chosen.value };
}

/** no_proxy / NO_PROXY exempts the URL's host (and port). */
export function noProxyExempts(env: Env, url: URL): boolean {
  const lower = env.no_proxy;
  const list =
    lower !== undefined && lower !== "" && !QUOTED_EMPTY.has(lower) ? lower : env.NO_PROXY;
  if (!list || QUOTED_EMPTY.has(list)) return false;
  const port = Number(url.port || (url.protocol === "http:" ? 80 : 443));
  const host = url.hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  const address = ipAddress(host);
  return list
    .split(/[\s,]+/)
    .filter((entry) => entry !== "")
    .some((entry) => entry === "*" || entryMatches(entry.toLowerCase(), host, address, port));
}

function entryMatches(
  entry: string,
  host: string,
  address: bigint[] | undefined,
  port: number,
): boolean {
  // [v6]:port, [name], name:port, v6 (more than one colon: no port), name.
  let name = entry;
  let wanted: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    name = bracketed[1] ?? "";
    wanted = bracketed[2];
  } else if (entry.split(":").length === 2) {
    [name, wanted] = entry.split(":") as [string, string];
  }
  if (wanted !== undefined && !(/^\d+$/.test(wanted) && Number(wanted) === port)) return false;
  if (address) return addressMatches(name, address);
  name = name
    .replace(/^\*(?=\.)/, "")
    .replace(/^\./, "")
    .replace(/\.$/, "");
  if (name === "" || ipAddress(name.replace(/\/\d+$/, ""))) return false;
  return host === name || host.endsWith(`.${name}`);
}

/** An IP entry, or a CIDR range, holds the address. */
function addressMatches(entry: string, address: bigint[]): boolean {
  const [ip, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || ip === undefined) return false;
  const parts = ipAddress(ip);
  if (!parts || parts.length !== address.length) return false;
  const width = parts.length === 4 ? 8 : 16;
  const total = parts.length * width;
  if (bits !== undefined && !/^\d+$/.test(bits)) return false;
  const prefix = bits === undefined ? total : Number(bits);
  if (prefix > total) return false;
  const whole = (groups: bigint[]) =>
    groups.reduce((sum, group) => (sum << BigInt(width)) | group, 0n);
  const shift = BigInt(total - prefix);
  return whole(parts) >> shift === whole(address) >> shift;
}

/**
 * The address as its groups (4 bytes, or 8 16-bit groups), or undefined for a name. IPv4 only
 * as written in dotted decimal without leading zeros (fetch does not match 127.1 or
 * 127.0.0.01 to 127.0.0.1); IPv6 in any spelling the URL standard reads.
 */
function ipAddress(text: string): bigint[] | undefined {
  if (/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(text)) {
    const bytes = text.split(".").map(BigInt);
    return bytes.every((byte) => byte < 256n) ? bytes : undefined;
  }
  if (!text.includes(":")) return undefined;
  const parsed = URL.parse(`http://[${text}]/`);
  if (parsed === null) return undefined;
  return expandV6(parsed.hostname.slice(1, -1));
}

/** The URL standard's compressed form (::, no leading zeros, no v4 tail) as 8 groups. */
function expandV6(compressed: string): bigint[] {
  const [head = "", tail] = compressed.split("::");
  const groups = (text: string) => (text === "" ? [] : text.split(":"));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const middle = new Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((group) => BigInt(`0x${group}`));
}
