/** The profile argument shared by login, logout, configure, whoami and status. */
import { describe, expect, test } from "bun:test";
import { chosenProfile, chosenProfiles } from "../../../src/commands/options/profile.ts";
import { UsageError } from "../../../src/errors.ts";

describe("chosenProfiles", () => {
  test.each([
    [{ named: ["a", "b", "a"], profile: undefined, profileFlag: false }, ["a", "b"]],
    [{ named: [""], profile: "env", profileFlag: false }, ["env"]],
    [{ named: [], profile: "flag", profileFlag: true }, ["flag"]],
    [{ named: [], profile: undefined, profileFlag: false }, ["default"]],
    // AWS_PROFILE never conflicts with a name on the command line.
    [{ named: ["prod"], profile: "dev", profileFlag: false }, ["prod"]],
    [{ named: ["prod"], profile: "prod", profileFlag: true }, ["prod"]],
  ])("%p -> %p", (given, expected) => {
    expect(chosenProfiles(given)).toEqual(expected);
  });

  test("a typed --profile that names another profile is a usage error", () => {
    const given = { named: ["staging"], profile: "prod", profileFlag: true };
    expect(() => chosenProfiles(given)).toThrow(UsageError);
    expect(() => chosenProfiles(given)).toThrow(
      'Two profiles given: "staging" and --profile "prod".',
    );
  });

  test("status has no default: without a name it looks at the shell", () => {
    expect(chosenProfile(undefined, { profile: undefined, profileFlag: false }, null)).toBe(
      undefined,
    );
    expect(chosenProfile("x", { profile: undefined, profileFlag: false }, null)).toBe("x");
  });
});
