/**
 * One round of the stress test: many worker processes append to one file at once (see
 * stress-worker.ts), some may be killed halfway, and then the file is checked line by line
 * against what each worker reported. A lost update shows as a reported line that is missing.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { updateFile } from "../../../src/fs/update.ts";
import { startScript } from "./run-script.ts";
import { leftovers, scratchDir } from "./scratch.ts";
import type { StressWorkerConfig } from "./stress-worker.ts";
import { waitForFiles } from "./wait-for.ts";

export interface RoundOptions {
  processes: number;
  appends: number;
  maxDelayMs: number;
  timeoutMs: number;
  staleMs?: number;
  liveness?: "real" | "blind";
  /** Each worker's clock is off by a random amount in ±clockSkewMs. */
  clockSkewMs?: number;
  /** How many workers get a SIGKILL, each at a random moment in the first killWithinMs. */
  kills?: number;
  killWithinMs?: number;
}

export interface RoundResult {
  acknowledged: number;
  /** Failures by message, e.g. "UserError: Timed out after 10 s waiting for the lock file". */
  failures: string[];
  killed: number;
  /** Reported written, yet missing from the file: a lost update. */
  lost: string[];
  /** In the file more than once. */
  duplicated: string[];
  /** In the file, yet reported failed, or never written by a worker still alive. */
  unexpected: string[];
  /** Temp, lock or other files left in the folder once every process is done. */
  leftovers: string[];
  /** What workers that were not killed said on stderr, or their exit codes. */
  crashes: string[];
  ms: number;
}

const header = "# keep me\n[default]\nregion = eu-west-1\n";

export async function stressRound(options: RoundOptions): Promise<RoundResult> {
  const started = performance.now();
  const dir = scratchDir("stress");
  const path = join(dir, "credentials");
  writeFileSync(path, header);
  const workers = Array.from({ length: options.processes }, (_, id) => {
    const readyFile = join(dir, `ready-${id}`);
    const skew = options.clockSkewMs ?? 0;
    const config: StressWorkerConfig = {
      path,
      id,
      appends: options.appends,
      maxDelayMs: options.maxDelayMs,
      timeoutMs: options.timeoutMs,
      staleMs: options.staleMs,
      liveness: options.liveness ?? "real",
      clockSkewMs: Math.round((Math.random() * 2 - 1) * skew),
      readyFile,
    };
    return {
      id,
      readyFile,
      killed: false,
      ...startScript("stress-worker.ts", [JSON.stringify(config)]),
    };
  });
  await waitForFiles(workers.map((w) => w.readyFile));
  for (const worker of workers) worker.go();
  const victims = [...workers].sort(() => Math.random() - 0.5).slice(0, options.kills ?? 0);
  for (const victim of victims) {
    setTimeout(
      () => {
        victim.killed = true;
        victim.child.kill("SIGKILL");
      },
      Math.random() * (options.killWithinMs ?? 200),
    );
  }
  const runs = await Promise.all(workers.map((w) => w.done));

  const acked = new Set<string>();
  const failed = new Set<string>();
  const failures: string[] = [];
  const crashes: string[] = [];
  /** The one append a killed worker may have finished without reporting it. */
  const inFlight = new Set<string>();
  runs.forEach((run, id) => {
    let reported = 0;
    for (const report of run.stdout.split("\n").filter(Boolean)) {
      const [kind, line, ...rest] = report.split(" ");
      reported++;
      if (kind === "ok") acked.add(line!);
      else {
        failed.add(line!);
        failures.push(
          rest
            .join(" ")
            .replaceAll(dir, "<dir>")
            .replace(/ held by .*/, ""),
        );
      }
    }
    if (workers[id]!.killed) inFlight.add(`${id}.${reported}`);
    else if (run.code !== 0 || run.stderr !== "") crashes.push(`${id}: ${run.code} ${run.stderr}`);
  });

  // A killed worker may have died holding the lock or leaving a temp file: the next write
  // must clear both (breaking the lock of a dead holder, removing its temp).
  if (victims.length > 0) {
    await sweep(path).catch((error: Error) => {
      crashes.push(`the sweep after the kills failed: ${error.message} ${stateOf(dir)}`);
    });
  }
  const text = readFileSync(path, "utf8");
  const lines = text.startsWith(header) ? text.slice(header.length).split("\n") : ["<header>"];
  const counts = new Map<string, number>();
  for (const line of lines.filter((l) => l && l !== "sweep")) {
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  const present = [...counts.keys()];
  const left = leftovers(dir, "credentials", ...workers.map((w) => `ready-${w.id}`));
  // Removed now, not after the run: a long run makes thousands.
  rmSync(dir, { recursive: true, force: true });
  return {
    acknowledged: acked.size,
    failures,
    killed: victims.length,
    lost: [...acked].filter((line) => !counts.has(line)),
    duplicated: present.filter((line) => counts.get(line)! > 1),
    unexpected: present.filter((l) => failed.has(l) || (!acked.has(l) && !inFlight.has(l))),
    leftovers: left,
    crashes,
    ms: Math.round(performance.now() - started),
  };
}

/** What was left in the folder, for a report: names, the lock's text, its holder's state. */
function stateOf(dir: string): string {
  const names = readdirSync(dir).filter((name) => !name.startsWith("ready-"));
  let lock = "";
  try {
    lock = readFileSync(join(dir, "credentials.lock"), "utf8").trim();
    const pid = JSON.parse(lock).pid as number;
    lock += ` (pid ${pid} ${isAlive(pid) ? "alive" : "gone"})`;
  } catch {}
  return JSON.stringify({ names, lock });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function sweep(path: string) {
  return updateFile(fs, path, (text) => `${text}sweep\n`, { pid: process.pid, isAlive });
}

/** The counts a test or a long run prints: what was exercised, and how long it took. */
export function summary(results: RoundResult[]) {
  const failures = new Map<string, number>();
  for (const failure of results.flatMap((r) => r.failures)) {
    failures.set(failure, (failures.get(failure) ?? 0) + 1);
  }
  return {
    rounds: results.length,
    appends: results.reduce((n, r) => n + r.acknowledged, 0),
    killed: results.reduce((n, r) => n + r.killed, 0),
    failures: Object.fromEntries(failures),
    lost: results.flatMap((r) => r.lost),
    duplicated: results.flatMap((r) => r.duplicated),
    unexpected: results.flatMap((r) => r.unexpected),
    leftovers: results.flatMap((r) => r.leftovers),
    crashes: results.flatMap((r) => r.crashes),
    ms: results.reduce((n, r) => n + r.ms, 0),
  };
}
