/**
 * Interleaved timing: every round runs each case once, in an order that rotates from round to
 * round, so that a machine that gets busier or quieter (it is shared) shifts every case alike
 * and ratios to the floor stay honest. Runs are synchronous spawns with stdout captured (as
 * `eval "$(awsmfa prod)"` captures it).
 *
 * Peak RSS comes from separate, untimed runs under GNU time (/usr/bin/time -f %M), on the first
 * round and every fifth: the maxrss that wait4() reports for a child that Bun spawned directly
 * includes the benchmark's own memory (Linux carries the high-water mark of the vforked parent's
 * address space across exec), while GNU time forks from a small process.
 */
import { existsSync, readFileSync } from "node:fs";

const GNU_TIME = "/usr/bin/time";
const RSS_EVERY = 5;
export const hasGnuTime = existsSync(GNU_TIME);

export interface Case {
  /** Short stable key, used in the JSON. */
  id: string;
  label: string;
  /** Built per run (a fresh login needs a new code each time). */
  argv: () => string[];
  env: Record<string, string>;
  /** Run before each timed run, untimed (e.g. new keys and a new code for a fresh login). */
  setup?: () => Promise<void>;
  /** Only every Nth round (slow peers), always including the first. */
  every?: number;
  /** Run after each timed run, untimed, with the case's id and the run's wall time (ms). */
  after?: (id: string, ms: number) => Promise<void>;
}

export interface Stats {
  runs: number;
  median: number;
  min: number;
  max: number;
  /** CPU time (user + system) of the child, median: steadier than wall time on a busy machine. */
  cpuMedian: number;
  /** Peak resident set size, MiB: the median and the largest of the runs measured (NaN: none). */
  rssMedian: number;
  rssMax: number;
}

export interface Result extends Stats {
  id: string;
  label: string;
}

/** Peak RSS in MiB of one run, by GNU time, which writes it (KiB) to `file`. */
function peakRss(argv: string[], env: Record<string, string>, file: string): number {
  const run = Bun.spawnSync([GNU_TIME, "-f", "%M", "-o", file, ...argv], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  if (run.exitCode !== 0) throw new Error(`${argv.join(" ")} exited ${run.exitCode} under time`);
  return Number(readFileSync(file, "utf8").trim().split("\n").at(-1)) / 1024;
}

/** `rssFile`: a scratch file for GNU time's output. */
export async function interleave(
  cases: readonly Case[],
  rounds: number,
  rssFile: string,
  onRound?: (round: number) => void,
): Promise<Result[]> {
  const times = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  const rss = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  const cpu = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(round + k) % cases.length]!;
      if (c.every && round % c.every !== 0) continue;
      await c.setup?.();
      const argv = c.argv();
      const started = performance.now();
      const run = Bun.spawnSync(argv, {
        env: c.env,
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
      });
      const ms = performance.now() - started;
      if (run.exitCode !== 0) {
        throw new Error(
          `${c.label}: ${argv.join(" ")} exited ${run.exitCode}: ${run.stderr.toString().slice(0, 2000)}`,
        );
      }
      times.get(c.id)!.push(ms);
      await c.after?.(c.id, ms);
      cpu.get(c.id)!.push(Number(run.resourceUsage?.cpuTime.total ?? 0) / 1000);
      if (hasGnuTime && round % RSS_EVERY === 0) {
        await c.setup?.();
        rss.get(c.id)!.push(peakRss(c.argv(), c.env, rssFile));
      }
    }
    onRound?.(round);
  }
  return cases.map((c) => ({
    id: c.id,
    label: c.label,
    ...stats(times.get(c.id)!, rss.get(c.id)!, cpu.get(c.id)!),
  }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function stats(times: readonly number[], rss: readonly number[], cpu: readonly number[]): Stats {
  return {
    cpuMedian: median(cpu),
    runs: times.length,
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    rssMedian: rss.length ? median(rss) : Number.NaN,
    rssMax: rss.length ? Math.max(...rss) : Number.NaN,
  };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const mib = (n: number) => `${n.toFixed(1)} MiB`;
