/**
 * Child process for the stress test: `stress-worker.ts <json StressWorkerConfig>`. Appends
 * `<id>.<k>` lines to one file with updateFile, through a file system that sleeps at random
 * before every call. Each outcome is written to stdout the moment it is known (synchronously,
 * so a line reported survives a SIGKILL right after): `ok <line>` once updateFile returned,
 * `fail <line> <error name>: <message>` when it threw.
 */
import { writeFileSync, writeSync } from "node:fs";
import * as fs from "node:fs/promises";
import type { Clock } from "../../../src/deps.ts";
import { realClock } from "../../../src/fs/options.ts";
import { updateFile } from "../../../src/fs/update.ts";
import { jitteryFs } from "./jittery-fs.ts";

export interface StressWorkerConfig {
  path: string;
  id: number;
  appends: number;
  maxDelayMs: number;
  timeoutMs: number;
  staleMs?: number;
  /** "real": liveness through kill(pid, 0), as main.ts does; "blind": no liveness at all. */
  liveness: "real" | "blind";
  /** Added to this worker's clock: a clock that is wrong, or has just jumped. */
  clockSkewMs: number;
  /** Created when the worker is ready; it then waits for stdin to close. */
  readyFile: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

const config = JSON.parse(process.argv[2]!) as StressWorkerConfig;
const clock: Clock = { now: () => realClock.now() + config.clockSkewMs, sleep: realClock.sleep };
const options = {
  pid: process.pid,
  clock,
  timeoutMs: config.timeoutMs,
  ...(config.staleMs !== undefined && { staleMs: config.staleMs }),
  ...(config.liveness === "real" && { isAlive }),
};
const files = jitteryFs(fs, config.maxDelayMs);

writeFileSync(config.readyFile, "");
await Bun.stdin.text();
for (let k = 0; k < config.appends; k++) {
  const line = `${config.id}.${k}`;
  try {
    await updateFile(files, config.path, (current) => `${current ?? ""}${line}\n`, options);
    writeSync(1, `ok ${line}\n`);
  } catch (error) {
    const { name, message } = error as Error;
    writeSync(1, `fail ${line} ${name}: ${message.replaceAll("\n", " ")}\n`);
  }
}
