import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { fillPlaceholders, promptSegment, singleSpaces } from "../../src/output/prompt-segment.ts";
import { sessionExpiryMs as sessionExpiry } from "../../src/session/in-env.ts";

const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);
const at = (seconds: number) => String(Math.floor(NOW / 1000) + seconds);

describe("promptSegment", () => {
  test.each([
    [
      "a fresh session",
      { AWS_PROFILE: "prod", AWSMFA_EXPIRES: at(7 * 3600 + 42 * 60) },
      "prod 7h42m",
    ],
    ["minutes only", { AWS_PROFILE: "prod", AWSMFA_EXPIRES: at(9 * 60 + 59) }, "prod 9m"],
    ["seconds", { AWS_PROFILE: "dev", AWSMFA_EXPIRES: at(42) }, "dev 42s"],
    ["expired", { AWS_PROFILE: "prod", AWSMFA_EXPIRES: at(-1) }, "prod expired"],
    ["no profile", { AWSMFA_EXPIRES: at(3600) }, "1h00m"],
    [
      "AWS_CREDENTIAL_EXPIRATION when AWSMFA_EXPIRES is absent",
      { AWS_PROFILE: "ci", AWS_CREDENTIAL_EXPIRATION: new Date(NOW + 90 * 60_000).toISOString() },
      "ci 1h30m",
    ],
    ["no session at all", { AWS_PROFILE: "prod" }, ""],
    ["keys but no expiry", { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE", AWS_PROFILE: "x" }, ""],
    ["a malformed AWSMFA_EXPIRES falls back", { AWSMFA_EXPIRES: "soon" }, ""],
    ["a malformed AWS_CREDENTIAL_EXPIRATION", { AWS_CREDENTIAL_EXPIRATION: "tomorrow" }, ""],
  ])("%s", (_name, env, expected) => {
    expect(promptSegment(env, NOW)).toBe(expected);
  });

  test("templates fill {profile}, {left} and {until}; unknown braces stay", () => {
    const env = { AWS_PROFILE: "prod", AWSMFA_EXPIRES: at(3600), TZ: "UTC" };
    expect(promptSegment(env, NOW, "☁ {profile} ({left})")).toBe("☁ prod (1h00m)");
    expect(promptSegment(env, NOW, "{left} {other}")).toBe("1h00m {other}");
    expect(promptSegment(env, NOW, "{until}")).toMatch(/^\d\d:\d\d$/);
  });

  // The segment goes through a pipe into the shell's prompt: no writer escapes it there.
  test("a profile name from the environment is shown escaped; the template's colours stay", () => {
    const env = { AWS_PROFILE: "x\x1b[31m\x1b]0;t\x07\u202e", AWSMFA_EXPIRES: at(3600) };
    expect(promptSegment(env, NOW)).toBe("x\\x1b[31m\\x1b]0;t\\x07\\u202e 1h00m");
    expect(promptSegment(env, NOW, "\x1b[32m{left}\x1b[0m")).toBe("\x1b[32m1h00m\x1b[0m");
  });

  test("AWSMFA_EXPIRES wins over AWS_CREDENTIAL_EXPIRATION", () => {
    const env = {
      AWSMFA_EXPIRES: at(60),
      AWS_CREDENTIAL_EXPIRATION: new Date(NOW + 7200_000).toISOString(),
    };
    expect(sessionExpiry(env)).toBe(NOW + 60_000);
  });

  test("any expiry in the future reads as a positive time; never more than one line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.string(), (left, profile) => {
        const out = promptSegment({ AWS_PROFILE: profile, AWSMFA_EXPIRES: at(left) }, NOW);
        expect(out).toMatch(/(\d+h\d\dm|\d+m|\d+s)$/);
        expect(out).not.toContain("expired");
      }),
    );
  });
});

describe("the string scans equal the regular expressions they replace", () => {
  const piece = fc.constantFrom(
    "{",
    "}",
    " ",
    "  ",
    "{profile}",
    "{left}",
    "{until}",
    "{x}",
    "profile",
    "a",
    "é",
  );
  test("fillPlaceholders and singleSpaces", () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
        fc.array(piece, { maxLength: 3 }).map((p) => p.join("")),
        (template, value) => {
          const expected = template
            .replace(/\{(profile|left|until)\}/g, (_, name: string) => `${name}=${value}`)
            .replace(/ {2,}/g, " ");
          expect(singleSpaces(fillPlaceholders(template, (name) => `${name}=${value}`))).toBe(
            expected,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
