/** withoutSession, logout's edit: session keys go, everything else stays; long-term keys stay. */
import { expect, test } from "bun:test";
import { withoutSession } from "../../src/profiles/remove-session.ts";

test.each([
  [
    "a session among settings and comments, CRLF",
    "[a]\r\nx = 1\r\n[prod]\r\nregion = eu\r\n# c\r\naws_access_key_id = ASIA1\r\naws_secret_access_key = s\r\naws_session_token = t\r\n  more/token\r\naws_security_token = t\r\nexpiration = 2030-01-01T00:00:00Z\r\nmfa_serial = m\r\n",
    "[a]\r\nx = 1\r\n[prod]\r\nregion = eu\r\n# c\r\nmfa_serial = m\r\n",
    "session",
  ],
  [
    "long-term keys are left",
    "[prod]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n",
    "[prod]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n",
    "long-term",
  ],
  ["nothing to remove", "[prod]\nregion = eu\n", "[prod]\nregion = eu\n", "none"],
  ["no file", null, null, "none"],
] as const)("%s", (_label, before, after, held) => {
  expect(withoutSession(before, "prod")).toEqual({ text: after, held });
});
