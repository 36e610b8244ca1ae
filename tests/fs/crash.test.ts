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
import { faultHooks } from "../support/fault-hooks.ts";
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
    "updateFile with the real Deps, armed with exit-after-temp-write",
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
  });
}

test("realDeps arms no fault: the product reads no test switch", () => {
  const deps = realDeps(facts({ AWSMFA_TEST_FAULT: "exit-after-temp-write" }));
  expect(deps.hooks).toEqual({});
});

const exit = (code: number): never => {
  throw new Exited(code);
};

/** The number of the first call (of four) that ends the process with 99, if any. */
function firstExit(call: (n: number) => void): number | undefined {
  for (let n = 1; n <= 4; n++) {
    try {
      call(n);
    } catch (error) {
      expect(error).toEqual(new Exited(99));
      return n;
    }
  }
  return undefined;
}

test.each([
  ["exit-after-temp-write", "/tmp/.credentials.1.awsmfa-tmp", 1],
  ["exit-after-temp-write:3", "/tmp/.credentials.1.awsmfa-tmp", 3],
  ["exit-after-temp-write:credentials", "/tmp/.credentials.1.awsmfa-tmp", 1],
  ["exit-after-temp-write:credentials", "/tmp/.config.1.awsmfa-tmp", undefined],
])("faultHooks(%p): write %p crashes at write number %p", (fault, temp, at) => {
  const hooks = faultHooks(fault, exit);
  expect(firstExit(() => hooks.afterTempWritten?.(temp))).toBe(at);
});

test.each([
  ["exit-after-step:2", 2],
  ["", undefined],
  ["something-else", undefined],
])("faultHooks(%p) ends the process after step %p", (fault, at) => {
  const hooks = faultHooks(fault, exit);
  expect(firstExit((n) => hooks.afterStep?.(n))).toBe(at);
  if (at === undefined) expect(hooks).toEqual({});
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

test("no file of the product names the test switch", async () => {
  const named: string[] = [];
  for await (const file of new Bun.Glob("src/**/*.ts").scan({
    cwd: join(import.meta.dir, "../.."),
  })) {
    const text = readFileSync(join(import.meta.dir, "../..", file), "utf8");
    if (text.includes("AWSMFA_TEST_FAULT")) named.push(file);
  }
  expect(named).toEqual([]);
});
