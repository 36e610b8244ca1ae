/** `awsmfa upgrade --version vX.Y.Z` means upgrade's --to; every other --version is the program's. */
import { describe, expect, test } from "bun:test";
import { upgradeVersionFlag } from "../src/cli.ts";

describe("upgradeVersionFlag", () => {
  test.each([
    [
      ["upgrade", "--version", "v1.2.3"],
      ["upgrade", "--to", "v1.2.3"],
    ],
    [
      ["upgrade", "--version=v1.2.3"],
      ["upgrade", "--to=v1.2.3"],
    ],
    [["upgrade"], ["upgrade"]],
    [["--version"], ["--version"]],
    [
      ["login", "--version"],
      ["login", "--version"],
    ],
    [
      ["prod", "--version"],
      ["prod", "--version"],
    ],
    [
      ["exec", "prod", "--", "tool", "--version"],
      ["exec", "prod", "--", "tool", "--version"],
    ],
    [
      ["upgrade", "--", "--version"],
      ["upgrade", "--", "--version"],
    ],
    // The program's own --debug may come first (README: with any command).
    [
      ["--debug", "upgrade", "--version", "v1.2.3"],
      ["--debug", "upgrade", "--to", "v1.2.3"],
    ],
    [
      ["--debug", "--version"],
      ["--debug", "--version"],
    ],
  ])("%j -> %j", (argv, expected) => {
    expect(upgradeVersionFlag(argv)).toEqual(expected);
  });
});
