/** shownUrl: the user and password of a URL never reach a message; the rest of it does. */
import { expect, test } from "bun:test";
import { shownUrl } from "../../src/system/shown-url.ts";

test.each([
  ["http://bob:pw@127.0.0.1:9/", "http://…@127.0.0.1:9/"],
  // Shown as the runtime reads it once a user part is taken out (scheme in lower case).
  ["HTTPS://bob:pw@127.0.0.1:9", "https://…@127.0.0.1:9/"],
  ["http://bob:p@ss@127.0.0.1:9/a", "http://…@127.0.0.1:9/a"],
  ["http://token@[::1]:9/", "http://…@[::1]:9/"],
  // What the URL standard reads as a user and password for http(s), in other spellings.
  ["http:\\\\bob:pw@127.0.0.1:9/", "http://…@127.0.0.1:9/"],
  ["http:/bob:pw@127.0.0.1:9/x", "http://…@127.0.0.1:9/x"],
  ["http:bob:pw@127.0.0.1:9/?q=://", "http://…@127.0.0.1:9/?q=://"],
  ["\x01http://bob:pw@127.0.0.1:9/", "http://…@127.0.0.1:9/"],
  ["ftp://bob:pw@127.0.0.1/", "ftp://…@127.0.0.1/"],
  // No URL at all: everything up to the last @ goes.
  ["https://bob:pw@127.0.0.1:99999/", "https://…@127.0.0.1:99999/"],
  ["bob:p w@host", "…@host"],
  // No user part: unchanged, an @ in the path, query or fragment included.
  ["http://127.0.0.1:9/a@b?c=d@e#f@g", "http://127.0.0.1:9/a@b?c=d@e#f@g"],
  ["https://sts.us-east-1.amazonaws.com", "https://sts.us-east-1.amazonaws.com"],
  // The authority ends at a backslash too (as the URL standard reads http and https).
  ["http://127.0.0.1:9\\x@y", "http://127.0.0.1:9\\x@y"],
])("%p is shown as %p", (url, shown) => {
  expect(shownUrl(url)).toBe(shown);
  if (URL.canParse(url)) {
    // Whatever the runtime reads as the user and password is gone.
    const { username, password } = new URL(url);
    for (const secret of [username, password].filter(Boolean)) {
      expect(shownUrl(url)).not.toContain(secret);
    }
  }
});
