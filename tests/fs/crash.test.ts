/**
 * A process killed between writing its temp file and renaming it leaves the user's file
 * byte-identical, and the next write succeeds (breaking the dead lock, removing the temp).
 */
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { updateFile } from "../../src/fs/update.ts";
import type { ProcessFacts } from "../../src/system/index.ts";
import { realDeps } from "../../src/system/index.ts";
import { processFacts } from "../support/process-facts.ts";
import { runScript } from "./support/run-script.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

const original = Buffer.from("\uFEFF# keep me\r\n[default]\r\naws_access_key_id = AKIAEXAMPLE\r\n");
const me = { pid: process.pid, isAlive: (pid: number) => isAlive(pid) };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

test.each([
  ["writeFileAtomic with an exiting hook", "atomic", {}, []],
  [
    "updateFile with AWSMFA_TEST_FAULT=exit-after-temp-write",
    "app",
    { AWSMFA_TEST_FAULT: "exit-after-temp-write" },
    ["credentials.lock"],
  ],
])("%s: file unchanged, next write succeeds", async (_label, how, env, locks) => {
  const dir = scratchDir("crash");
  const path = join(dir, "credentials");
  writeFileSync(path, original);

  const run = await runScript("crash-write.ts", [how, path, "[crashed]\n"], { env });
  expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
    code: 99,
    stdout: "",
    stderr: "",
  });
  expect(readFileSync(path)).toEqual(original);
  // It died holding a finished temp file (and, through updateFile, the lock).
  const left = leftovers(dir, "credentials");
  const temps = left.filter((name) => name.endsWith(".awsmfa-tmp"));
  expect(temps).toHaveLength(1);
  expect(readFileSync(join(dir, temps[0]!), "utf8")).toBe("[crashed]\n");
  expect(left.filter((name) => !temps.includes(name))).toEqual(locks);

  const result = await updateFile(fs, path, (text) => `${text}[after]\r\n`, me);
  expect(result.changed).toBe(true);
  expect(readFileSync(path)).toEqual(Buffer.concat([original, Buffer.from("[after]\r\n")]));
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("without AWSMFA_TEST_FAULT the same app write completes", async () => {
  const path = join(scratchDir("crash"), "credentials");
  writeFileSync(path, original);
  const run = await runScript("crash-write.ts", ["app", path, "[fine]\n"], {
    env: { AWSMFA_TEST_FAULT: "" },
  });
  expect(run.code).toBe(0);
  expect(readFileSync(path, "utf8")).toBe("[fine]\n");
});

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function facts(env: Record<string, string>, kill: ProcessFacts["kill"] = () => {}): ProcessFacts {
  return processFacts({
    env,
    platform: "linux",
    pid: 321,
    kill,
    exit: (code) => {
      throw new Exited(code);
    },
  });
}

test.each([
  ["exit-after-temp-write", true],
  ["", false],
  ["something-else", false],
])("realDeps: AWSMFA_TEST_FAULT=%p sets the exit hook: %p", (value, hooked) => {
  const deps = realDeps(facts(value ? { AWSMFA_TEST_FAULT: value } : {}));
  expect(deps.hooks.afterTempWritten !== undefined).toBe(hooked);
  if (hooked) expect(() => deps.hooks.afterTempWritten?.("/tmp/x")).toThrow(new Exited(99));
});

test.each([
  ["the signal is delivered", null, true],
  ["ESRCH: no such process", "ESRCH", false],
  ["EPERM: another user's process", "EPERM", true],
])("realDeps: a process is alive when %s", (_label, code, alive) => {
  const kill = (pid: number, signal: number) => {
    expect([pid, signal]).toEqual([4242, 0]);
    if (code) throw Object.assign(new Error(code), { code });
  };
  const deps = realDeps(facts({}, kill));
  expect(deps.processes.pid).toBe(321);
  expect(deps.processes.isAlive(4242)).toBe(alive);
});
