/** What a credentials-file section holds, section by section, as the writers decide it. */
import { expect, test } from "bun:test";
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
