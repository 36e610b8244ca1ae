import { describe, expect, test } from "bun:test";
import { UsageError } from "../../src/errors.ts";
import { changesShell, failureCode, outputMode } from "../../src/output/mode.ts";

describe("outputMode", () => {
  test("the shell function sets AWSMFA_SHELL: wrapped, in that shell's syntax", () => {
    expect(
      outputMode({ format: undefined, env: { AWSMFA_SHELL: "fish" }, stdoutIsTTY: false }),
    ).toEqual({
      kind: "wrapped",
      format: "fish",
      shell: "fish",
    });
    expect(
      outputMode({ format: undefined, env: { AWSMFA_SHELL: "zsh" }, stdoutIsTTY: false }).format,
    ).toBe("sh");
  });
  test("captured stdout without the function: eval, POSIX", () => {
    expect(
      outputMode({ format: undefined, env: { SHELL: "/usr/bin/fish" }, stdoutIsTTY: false }),
    ).toEqual({
      kind: "eval",
      format: "sh",
    });
  });
  test("a terminal on stdout: direct, in the user's shell syntax", () => {
    expect(
      outputMode({ format: undefined, env: { SHELL: "/usr/bin/fish" }, stdoutIsTTY: true }),
    ).toEqual({
      kind: "direct",
      format: "fish",
      shell: "fish",
    });
    expect(outputMode({ format: undefined, env: {}, stdoutIsTTY: true }).format).toBe("sh");
  });
  test("--format wins over everything", () => {
    expect(
      outputMode({ format: "json", env: { AWSMFA_SHELL: "bash" }, stdoutIsTTY: true }),
    ).toEqual({
      kind: "explicit",
      format: "json",
    });
  });
  test("unknown values are usage errors", () => {
    expect(() => outputMode({ format: "xml", env: {}, stdoutIsTTY: false })).toThrow(UsageError);
    expect(() =>
      outputMode({ format: undefined, env: { AWSMFA_SHELL: "tcsh" }, stdoutIsTTY: false }),
    ).toThrow(/AWSMFA_SHELL is "tcsh"/);
  });
  test("failure output makes eval fail; json and direct print nothing", () => {
    expect(failureCode({ kind: "eval", format: "sh" })).toBe("false\n");
    expect(failureCode({ kind: "wrapped", format: "fish", shell: "fish" })).toBe("false\n");
    expect(failureCode({ kind: "explicit", format: "json" })).toBeUndefined();
    expect(failureCode({ kind: "direct", format: "sh", shell: "bash" })).toBeUndefined();
  });
  test("only shell-changing modes guard foreign keys", () => {
    expect(changesShell({ kind: "eval", format: "sh" })).toBe(true);
    expect(changesShell({ kind: "direct", format: "sh", shell: "bash" })).toBe(false);
    expect(changesShell({ kind: "explicit", format: "json" })).toBe(false);
    expect(changesShell({ kind: "explicit", format: "fish" })).toBe(true);
  });
});
