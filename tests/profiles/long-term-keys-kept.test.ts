/**
 * Issue 11, item 7: an AKIA key id (an IAM user's long-term key) is never overwritten or
 * removed, whatever token keys sit next to it (aws_security_token, a stale aws_session_token).
 */
import { describe, expect, test } from "bun:test";
import { UserError } from "../../src/errors.ts";
import { withoutSession } from "../../src/profiles/remove-session.ts";
import { withSession } from "../../src/profiles/write-session.ts";

const session = {
  accessKeyId: "ASIAEXAMPLESESSION01",
  secretAccessKey: "session-secret",
  sessionToken: "session-token",
  expiration: new Date("2030-01-01T00:00:00Z"),
};

const sections = [
  "[dev]\naws_access_key_id = AKIAEXAMPLELONGTERM1\naws_secret_access_key = keep-me\naws_security_token = old\n",
  "[dev]\naws_access_key_id = AKIAEXAMPLELONGTERM1\naws_secret_access_key = keep-me\naws_session_token = stale\n",
  "[dev]\naws_access_key_id=AKIAEXAMPLELONGTERM1\naws_secret_access_key=keep-me\naws_session_token=stale\nexpiration=2020-01-01T00:00:00Z\n",
];

describe("a section with AKIA keys and token keys", () => {
  for (const text of sections) {
    test(`login refuses (exit 3) and logout leaves it: ${JSON.stringify(text.split("\n")[3])}`, () => {
      const error = (() => {
        try {
          withSession(text, "dev", session, "/x/credentials");
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe("config");
      expect((error as UserError).message).toContain("holds long-term keys");
      const removed = withoutSession(text, "dev");
      expect(removed.held).toBe("long-term");
      expect(removed.text).toBe(text);
    });
  }

  test("session (ASIA) keys with aws_security_token are still replaced and removed", () => {
    const text =
      "[dev]\naws_access_key_id = ASIAOLDSESSION000001\naws_secret_access_key = s\naws_security_token = t\n";
    expect(withSession(text, "dev", session, "/x/credentials")).toContain("ASIAEXAMPLESESSION01");
    expect(withoutSession(text, "dev").held).toBe("session");
  });
});
