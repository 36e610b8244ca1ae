/**
 * main.ts sets JavaScriptCore's JIT policy through run()'s two hooks (system/jit-policy.ts):
 * `beforeProgram` before commander's start-up, `beforeAction` before the command's action.
 * The lines read without commander skip the first: they have no start-up to keep cold.
 */
import { describe, expect, test } from "bun:test";
import { run } from "../src/cli.ts";
import { ExitCode } from "../src/errors.ts";
import { testDeps } from "./support/test-deps.ts";

async function hooksOf(argv: string[]): Promise<{ code: number; calls: string[] }> {
  const world = testDeps();
  const calls: string[] = [];
  const code = await run(
    argv,
    world.deps,
    (command) => calls.push(`action ${command}`),
    () => calls.push("program"),
  );
  return { code, calls };
}

describe("run()'s JIT hooks", () => {
  test("a command commander parses: the program's hook, then the action's with its name", async () => {
    const names = await hooksOf(["_profiles"]);
    expect(names.code).toBe(ExitCode.ok);
    expect(names.calls).toEqual(["program", "action _profiles"]);
  });

  test("--help: only the program's hook (no action runs)", async () => {
    const { code, calls } = await hooksOf(["--help"]);
    expect(code).toBe(ExitCode.ok);
    expect(calls).toEqual(["program"]);
  });

  test("the lines read without commander: only the action's hook", async () => {
    const shellInit = await hooksOf(["shell-init", "bash"]);
    expect(shellInit.code).toBe(ExitCode.ok);
    expect(shellInit.calls).toEqual(["action shell-init"]);
    for (const line of [["list"], ["list", "--json"]]) {
      const list = await hooksOf(line);
      expect(list.code).toBe(ExitCode.ok);
      expect(list.calls).toEqual(["action list"]);
    }
  });
});
