/** What a credentials-file section holds, section by section, as the writers decide it. */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { keyState, keyStateForWriting, TOKEN_KEYS } from "../../src/config/key-state.ts";
import { sectionState } from "../../src/config/section-state.ts";
import { parseIni, profileIndex } from "../../src/ini/index.ts";
import { keyBlocks, profileSections } from "../../src/ini/layout.ts";
import { iniFile } from "../ini/support/ini-arbitraries.ts";

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

/**
 * sectionState as it was before simple sections were read without the lossless parser: the
 * oracle of the test below (every section through parseIni, key blocks and continuations).
 */
function parsedSectionState(text: string | null, profile: string): string {
  if (text === null) return "none";
  const doc = parseIni(profileIndex(text, "credentials").sectionsText(profile));
  let state = "none";
  for (const header of profileSections(doc, { kind: "credentials", profile })) {
    const blocks = keyBlocks(doc, header).filter(
      (block) => block.line.value !== "" || block.last > block.first,
    );
    const present = new Set(blocks.map((block) => block.line.key));
    const hasToken = TOKEN_KEYS.some((key) => present.has(key));
    const states = blocks
      .filter((block) => block.line.key === "aws_access_key_id")
      .map((block) => {
        const parts = [block.line.value];
        for (let i = block.first + 1; i <= block.last; i++) {
          const line = doc.lines[i]!;
          if (line.kind === "continuation") parts.push(line.value);
        }
        return keyStateForWriting(parts.filter(Boolean).join("\n"), hasToken);
      });
    const one = states.includes("long-term") ? "long-term" : (states[0] ?? "none");
    if (one === "long-term") return one;
    if (one === "session") state = one;
  }
  return state;
}

describe("sectionState of simple sections (read without the lossless parser)", () => {
  const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
  const keyLine = fc
    .tuple(
      pick(["aws_access_key_id", "AWS_Access_Key_Id", "aws_session_token", "aws_security_token"]),
      pick([" = ", "=", ": ", " =", " : "]),
      pick(["AKIAEXAMPLE", "ASIAEXAMPLE", "FAKEEXAMPLE", "", " ", "t", "a = b", "x:y"]),
    )
    .map(([key, separator, value]) => `${key}${separator}${value}`);
  const line = fc.oneof(
    { weight: 6, arbitrary: keyLine },
    {
      weight: 1,
      arbitrary: pick(["region = x", "# aws_access_key_id = AKIA1", "; c", "", "junk"]),
    },
    // Not simple: a continuation, a tab, a non-ASCII value, CRLF.
    { weight: 1, arbitrary: pick(["  AKIA1", "\taws_session_token = t", "region = é", "x\r"]) },
  );
  const section = fc
    .tuple(pick(["prod", "other", "prod "]), fc.array(line, { maxLength: 6 }))
    .map(([name, lines]) => [`[${name}]`, ...lines].join("\n"));
  const file = fc.array(section, { maxLength: 5 }).map((sections) => `${sections.join("\n")}\n`);

  test("the same state as the lossless reading, simple or not", () => {
    fc.assert(
      fc.property(file, (text) => {
        for (const profile of ["prod", "other", "missing"]) {
          expect(sectionState(text, profile)).toBe(parsedSectionState(text, profile) as never);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("the same on generated credentials files", () => {
    fc.assert(
      fc.property(iniFile({ kind: "credentials", invalid: true }), (text) => {
        const names = [...text.matchAll(/^\[([^\]\n]*)\]/gm)].map((m) => m[1]!);
        for (const profile of new Set([...names, "default", "prod"])) {
          expect(sectionState(text, profile)).toBe(parsedSectionState(text, profile) as never);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
