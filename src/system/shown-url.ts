/**
 * A URL as people may see it (errors, progress lines, --debug): a user and password in it
 * (http://user:password@host/, for an endpoint, a proxy-protected mirror) become "…@", so
 * that the address still says where, and nothing says with what. The URL's authority ends at
 * the first / ? # or \ and its user part at the authority's last @, as the URL standard reads
 * it. The URL itself, password included, is what awsmfa calls.
 */
export function shownUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i, "$1…@");
}
