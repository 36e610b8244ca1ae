/** The option parsers of login (several profiles), logout and configure: tables of raw input. */
import { describe, expect, test } from "bun:test";
import { parseConfigure } from "../../src/commands/configure/index.ts";
import { parseLogin } from "../../src/commands/login.ts";
import { parseLogout } from "../../src/commands/logout.ts";
import { UsageError } from "../../src/errors.ts";

describe("parseLogin: which profiles", () => {
  test.each([
    [[], undefined, false, ["default"]],
    [[], "team", false, ["team"]],
    [["prod"], "team", false, ["prod"]],
    [["prod", "staging", "dev"], undefined, false, ["prod", "staging", "dev"]],
    [["prod", "staging", "prod"], undefined, false, ["prod", "staging"]],
    [["prod"], "prod", true, ["prod"]],
    [[], "ops", true, ["ops"]],
  ] as const)("args %p, profile %p (flag: %p) -> %p", (positional, profile, flag, profiles) => {
    const options = parseLogin({ positional: [...positional], profile, profileFlag: flag });
    expect(options.profiles).toEqual([...profiles]);
    expect(options.profile).toBe(profiles[0]!);
    expect(options.noWrite).toBe(false);
  });

  test("--profile plus other names is a usage error", () => {
    expect(() =>
      parseLogin({ positional: ["prod", "dev"], profile: "prod", profileFlag: true }),
    ).toThrow(UsageError);
  });

  test("--no-write", () => {
    expect(parseLogin({ positional: [], profileFlag: false, write: false }).noWrite).toBe(true);
  });
});

describe("parseLogout", () => {
  const cases: Array<[string, Parameters<typeof parseLogout>[0], object]> = [
    ["nothing: default", { positional: undefined, profileFlag: false }, { profile: "default" }],
    [
      "AWS_PROFILE",
      { positional: undefined, profile: "prod", profileFlag: false },
      { profile: "prod" },
    ],
    [
      "an argument beats AWS_PROFILE",
      { positional: "dev", profile: "prod", profileFlag: false },
      { profile: "dev" },
    ],
    [
      "--all",
      { positional: undefined, profileFlag: false, all: true },
      { profile: undefined, all: true },
    ],
    [
      "--all with AWS_PROFILE set in the shell",
      { positional: undefined, profile: "prod", profileFlag: false, all: true },
      { profile: undefined, all: true },
    ],
  ];
  test.each(cases)("%s", (_label, raw, expected) => {
    expect(parseLogout(raw)).toMatchObject(expected);
  });

  const wrong: Array<[string, Parameters<typeof parseLogout>[0]]> = [
    ["a profile and --all", { positional: "dev", profileFlag: false, all: true }],
    [
      "--profile and --all",
      { positional: undefined, profile: "dev", profileFlag: true, all: true },
    ],
    ["two profiles", { positional: "dev", profile: "prod", profileFlag: true }],
  ];
  test.each(wrong)("%s is a usage error", (_label, raw) => {
    expect(() => parseLogout(raw)).toThrow(UsageError);
  });
});

describe("parseConfigure", () => {
  const base = { positional: "prod", profileFlag: false };
  test("the secret only from stdin", () => {
    expect(
      parseConfigure({ ...base, accessKeyId: "AKIA", secretAccessKey: "-" }).secretFromStdin,
    ).toBe(true);
    expect(parseConfigure(base).secretFromStdin).toBe(false);
  });

  const wrong: Array<[string, Parameters<typeof parseConfigure>[0], string]> = [
    [
      "a secret on argv",
      { ...base, accessKeyId: "AKIA", secretAccessKey: "the-secret" },
      "takes only -",
    ],
    ["a secret without a key id", { ...base, secretAccessKey: "-" }, "needs --access-key-id"],
    [
      "the profile as its own long-term profile",
      { ...base, longTermProfile: "prod" },
      "must differ",
    ],
    ["two profiles", { positional: "a", profile: "b", profileFlag: true }, "Two profiles"],
  ];
  test.each(wrong)("%s is a usage error", (_label, raw, message) => {
    expect(() => parseConfigure(raw)).toThrow(message);
    try {
      parseConfigure(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect(String((error as UsageError).hint)).not.toContain("the-secret");
    }
  });

  test("--move-keys / --no-move-keys / neither", () => {
    expect(parseConfigure({ ...base, moveKeys: true }).moveKeys).toBe(true);
    expect(parseConfigure({ ...base, moveKeys: false }).moveKeys).toBe(false);
    expect(parseConfigure(base).moveKeys).toBeUndefined();
  });
});
