/**
 * Runs the compiled awsmfa asynchronously (an in-process fake AWS must keep answering) and
 * collects what it printed.
 */
import { existsSync } from "node:fs";
import { awsmfaBinary, awsmfaFaultBinary } from "./binary.ts";

/**
 * `setsid -w` runs the binary without a controlling terminal, so a test never prompts on the
 * terminal of the developer who runs `npm test` (CI has none anyway).
 */
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => existsSync(path));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  env: Record<string, string>;
  stdin?: string;
  cwd?: string;
  timeoutMs?: number;
  /** Another binary than awsmfaBinary() (fullPathBinary() for the fast-path comparison). */
  binary?: string;
}

/**
 * Runs the product binary; a run whose environment names a fault (AWSMFA_TEST_FAULT, see
 * fault-hooks.ts) runs the crash tests' own binary, the only one that reads it.
 */
export async function runAwsmfa(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const binary =
    options.binary ??
    (options.env.AWSMFA_TEST_FAULT ? await awsmfaFaultBinary() : await awsmfaBinary());
  const started = performance.now();
  const command = SETSID ? [SETSID, "-w", binary, ...args] : [binary, ...args];
  const child = Bun.spawn(command, {
    env: options.env,
    cwd: options.cwd,
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
    timeout: options.timeoutMs ?? 30_000,
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr, ms: performance.now() - started };
}
