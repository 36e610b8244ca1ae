/**
 * Which host a lock holder is on: a container that shares the host's network has its
 * hostname but not its pids, so its processes must not judge the host's holders dead.
 */
import { expect, test } from "bun:test";
import { readFileSync, readlinkSync } from "node:fs";
import * as fs from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { fileOptionsFrom } from "../../src/fs/from-deps.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { isStale, parseLockRecord } from "../../src/fs/lock-record.ts";
import { lockHostName, namespaceNumber } from "../../src/fs/options.ts";
import { realDeps } from "../../src/system/index.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";
import { processFacts } from "../support/process-facts.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { outcomeOf, runScript } from "./support/run-script.ts";
import { scratchDir } from "./support/scratch.ts";
import { waitForFiles } from "./support/wait-for.ts";

test.each([
  ["outside any container", "pid:[4026531836]", "vm"],
  ["in a container's own pid namespace", "pid:[4026532417]", "vm (pid namespace 4026532417)"],
  ["no /proc (not Linux, or not mounted)", undefined, "vm"],
  ["something unexpected in /proc", "net:[4026531840]", "vm"],
])("lockHostName %s", (_label, link, name) => {
  expect(lockHostName("vm", link)).toBe(name);
});

test("namespaceNumber reads a link as /^pid:\\[(\\d+)\\]$/ does", () => {
  const examples = ["pid:[4026531836]", "pid:[1]", "pid:[]", "pid:[12a]", "net:[4026531840]"];
  const pieces = ["pid:[", "]", "[", "0", "9", "\u0661", "\n"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces), (link) => {
      expect(namespaceNumber(link)).toBe(/^pid:\[(\d+)\]$/.exec(link)?.[1]);
    }),
    { numRuns: ORACLE_RUNS },
  );
});

test("a holder with this hostname in another pid namespace is not judged dead", () => {
  const me = { pid: 100, host: "vm", isAlive: () => false };
  const record = { pid: 200, host: "vm (pid namespace 4026532417)", time: 1000, token: "t" };
  expect(isStale({ record, mtimeMs: 0 }, me, 2000, 30_000)).toBe(false);
  expect(isStale({ record, mtimeMs: 0 }, me, 1000 + 30_001, 30_000)).toBe(true);
});

test("realDeps names this host for locks, and updateFile's lock records that name", async () => {
  const deps = realDeps(processFacts({ homedir: "/nowhere" }));
  const link = process.platform === "linux" ? readlinkSync("/proc/self/ns/pid") : undefined;
  expect(deps.processes.host).toBe(lockHostName(hostname(), link));
  const path = join(scratchDir("host"), "credentials");
  const options = { ...fileOptionsFrom({ ...deps, clock: fakeClock().clock }) };
  const record = await withFileLock(
    fs,
    path,
    async () => parseLockRecord(readFileSync(`${path}.lock`, "utf8")),
    options,
  );
  expect(record?.host).toBe(lockHostName(hostname(), link));
});

/** How to run a command in a new pid namespace here (as root, or in a user namespace). */
function unsharePrefix(): string[] | null {
  if (process.platform !== "linux") return null;
  for (const prefix of [
    ["unshare", "--pid", "--fork", "--mount-proc"],
    ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount-proc"],
  ]) {
    const probe = Bun.spawnSync([...prefix, "true"], { stderr: "ignore" });
    if (probe.exitCode === 0) return prefix;
  }
  return null;
}

const unshare = unsharePrefix();
if (!unshare) console.log("skipped: unshare cannot make a pid namespace here (needs Linux)");

test.skipIf(!unshare)(
  "a writer in a container waits for a live holder outside it, then builds on its write",
  async () => {
    const dir = scratchDir("container");
    const path = join(dir, "credentials");
    const held = join(dir, "held");
    // The holder (this pid namespace) writes at the END of its hold: a waiter that broke in
    // would append to an empty file, and the holder would then overwrite its line.
    const holder = runScript("worker.ts", ["hold", path, "1500", held]);
    await waitForFiles([held]);
    const waiter = await runScript("app-append.ts", [path, "second"], { prefix: unshare! });
    expect(outcomeOf(await holder)).toMatchObject({ ok: true });
    expect(outcomeOf(waiter)).toEqual({ ok: true });
    expect(readFileSync(path, "utf8")).toBe("held\nsecond\n");
  },
  30_000,
);
