/** Runs a TypeScript helper in its own bun process, asynchronously, and collects its output. */
import { join } from "node:path";

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ScriptOptions {
  env?: Record<string, string>;
  /** Words before the bun command, e.g. to run it as another user. */
  prefix?: string[];
}

export const supportDir = import.meta.dir;

/** Starts the helper with a pipe on its stdin; closing it (`go()`) is a start signal. */
export function startScript(name: string, args: string[], options: ScriptOptions = {}) {
  const command = [...(options.prefix ?? []), process.execPath, join(supportDir, name), ...args];
  const child = Bun.spawn(command, {
    env: { ...process.env, ...options.env },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  const done: Promise<ScriptRun> = (async () => {
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    return { code, stdout, stderr };
  })();
  const go = () => child.stdin.end();
  return { child, done, go };
}

export function runScript(name: string, args: string[], options: ScriptOptions = {}) {
  const started = startScript(name, args, options);
  started.go();
  return started.done;
}

/** The JSON line a worker printed, after checking it exited cleanly and said nothing else. */
export function outcomeOf(run: ScriptRun): Record<string, unknown> {
  if (run.code !== 0 || run.stderr !== "") {
    throw new Error(`worker failed (${run.code}): ${run.stderr}${run.stdout}`);
  }
  return JSON.parse(run.stdout);
}
