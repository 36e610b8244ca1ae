import { describe, expect, test } from "bun:test";
import {
  actionJitPolicy,
  CLI_START_JIT_POLICY,
  RUN_ONCE_JIT_POLICY,
} from "../../src/system/jit-policy.ts";

describe("the JIT policy of each part of a run", () => {
  test("the commands that do one thing once keep the build's run-once policy", () => {
    for (const command of ["login", "credential-process", "exec", "console", "whoami", "status"]) {
      expect(actionJitPolicy(command)).toBe(RUN_ONCE_JIT_POLICY);
    }
  });

  test("commands that may go over every profile get the normal JIT", () => {
    for (const command of ["list", "logout", "doctor", "keys", "shell-init", "_profiles"]) {
      expect(actionJitPolicy(command)).toBe(1);
    }
  });

  test("the run-once policy is reluctant, and the full CLI's start-up more reluctant still", () => {
    expect(RUN_ONCE_JIT_POLICY).toBeGreaterThan(1);
    expect(CLI_START_JIT_POLICY).toBeGreaterThan(RUN_ONCE_JIT_POLICY);
  });
});
