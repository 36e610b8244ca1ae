import { printableInLine } from "./printable.ts";

/**
 * A URL as people may see it (errors, progress lines, --debug): a user and password in it
 * (http://user:password@host/, for an endpoint, a proxy-protected mirror) become "…@", so
 * that the address still says where, and nothing says with what. The URL itself, password
 * included, is what awsmfa calls.
 *
 * Read as the runtime reads it, not by pattern: for http and https the URL standard also takes
 * `http:\\user:pw@host`, `http:/user:pw@host`, `http:user:pw@host` and leading control
 * characters, all with a user and password. Anything else (no URL at all, another scheme, a
 * setting refused for it) loses everything up to its last @. What is shown is one line
 * (printableInLine): the URL standard drops a tab or line break inside a URL, the text keeps it.
 */
export function shownUrl(url: string): string {
  return printableInLine(withoutPassword(url));
}

function withoutPassword(url: string): string {
  const parsed = URL.parse(url);
  const web = parsed?.protocol === "http:" || parsed?.protocol === "https:";
  if (parsed === null || !web) return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, "$1…@");
  if (parsed.username === "" && parsed.password === "") return url;
  return `${parsed.protocol}//…@${parsed.host}${parsed.pathname}${parsed.search}${parsed.hash}`;
}
