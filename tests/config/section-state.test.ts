/** What a credentials-file section holds, section by section, as the writers decide it. */
import { describe, expect, test } from "bun:test";
import { keyState, keyStateForWriting } from "../../src/config/key-state.ts";
import { sectionState } from "../../src/config/section-state.ts";

test.each([
  ["no file", null, "none"],
  ["no such section", "[other]\naws_access_key_id = AKIA1\n", "none"],
  ["settings only", "[prod]\nregion = eu-west-1\nmfa_serial = x\n", "none"],
  [
    "a session",
    "[prod]\naws_access_key_id = ASIA1\naws_secret_access_key = s\naws_session_token = t\n",
    "session",
  ],
  [
    "aws-mfa's old token name",
    "[prod]\naws_access_key_id = ASIA1\naws_security_token = t\n",
    "session",
  ],
  ["long-term keys", "[prod]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n", "long-term"],
  ["a key id without token, even ASIA", "[prod]\naws_access_key_id = ASIA1\n", "long-term"],
  [
    "an empty token does not count",
    "[prod]\naws_access_key_id = AKIA1\naws_session_token =\n",
    "long-term",
  ],
  [
    "an empty key id does not count",
    "[prod]\naws_access_key_id =\naws_session_token = t\n",
    "none",
  ],
  ["`:` and upper case, as botocore reads them", "[prod]\nAWS_Access_Key_Id: AKIA1\n", "long-term"],
  ["a value on continuation lines", "[prod]\naws_access_key_id =\n  AKIA1\n", "long-term"],
  ["CRLF", "[prod]\r\naws_access_key_id = AKIA1\r\n", "long-term"],
  [
    "another profile's keys",
    "[prod]\nregion = x\n[prod-long-term]\naws_access_key_id = AKIA1\n",
    "none",
  ],
  [
    "a repeated header: one copy with long-term keys is enough to refuse",
    "[prod]\naws_access_key_id = AKIA1\n[x]\n[prod]\naws_access_key_id = ASIA2\naws_session_token = t\n",
    "long-term",
  ],
  ["a comment is not a key", "[prod]\n# aws_access_key_id = AKIA1\n", "none"],
  // Issue 11 item 7, other cases: an AKIA id anywhere in the section, not only in its first key.
  [
    "a repeated key: a session id first, an AKIA id later",
    "[prod]\naws_access_key_id = ASIA1\naws_secret_access_key = s\naws_session_token = t\naws_access_key_id = AKIA2\n",
    "long-term",
  ],
  [
    "an AKIA id on a continuation line, with a token",
    "[prod]\naws_access_key_id =\n  AKIA1\naws_session_token = t\n",
    "long-term",
  ],
])("%s", (_label, text, state) => {
  expect(sectionState(text, "prod")).toBe(state as never);
});

describe("keyState: the one rule for readers; keyStateForWriting: the writers' variant", () => {
  test.each([
    // [label, key id, has a token, keyState, keyStateForWriting]
    ["no key id", undefined, false, "none", "none"],
    ["an empty key id", "", true, "none", "none"],
    ["an IAM user's id", "AKIAEXAMPLE", false, "long-term", "long-term"],
    ["an IAM user's id with a stale token", "AKIAEXAMPLE", true, "long-term", "long-term"],
    ["a session", "ASIAEXAMPLE", true, "session", "session"],
    ["a temporary id copied without its token", "ASIAEXAMPLE", false, "session", "long-term"],
    ["another id with a token", "FAKEEXAMPLE", true, "session", "session"],
    ["another id without a token", "FAKEEXAMPLE", false, "long-term", "long-term"],
  ] as const)("%s", (_label, keyId, hasToken, read, write) => {
    expect(keyState(keyId, hasToken)).toBe(read);
    expect(keyStateForWriting(keyId, hasToken)).toBe(write);
  });

  test("sectionState is keyStateForWriting on the section's text", () => {
    const text = (id: string, token: string) =>
      `[prod]\naws_access_key_id = ${id}\naws_secret_access_key = s\n${token}`;
    for (const id of ["AKIAEXAMPLE", "ASIAEXAMPLE", "FAKEEXAMPLE"]) {
      for (const token of ["", "aws_session_token = t\n", "aws_security_token = t\n"]) {
        expect(sectionState(text(id, token), "prod")).toBe(keyStateForWriting(id, token !== ""));
      }
    }
  });

  test("an IAM user's id on a continuation line is long-term, with a token beside it too", () => {
    const text = "[prod]\naws_access_key_id =\n  AKIA1\naws_session_token = t\n";
    expect(sectionState(text, "prod")).toBe("long-term");
  });
});
