/** Runs a TypeScript helper in its own bun process, asynchronously, and collects its output. */
import { chmodSync, copyFileSync, existsSync, linkSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkChildCwd } from "../../support/other-user.ts";

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

/**
 * Children run in a folder this file made, never in the test's own working folder: the
 * checkout may sit where another user cannot even look (a 0700 `mktemp -d`), and a child run
 * as that user fails before it starts (Bun: CouldntReadCurrentDirectory). For the same reason
 * a child run under a prefix (another user) runs the helper bundled into that folder, so it
 * reads nothing from the checkout.
 */
let workFolder: string | undefined;
function scratch(): string {
  if (!workFolder || !existsSync(workFolder)) {
    workFolder = mkdtempSync(join(tmpdir(), "awsmfa-children-"));
    chmodSync(workFolder, 0o755);
    process.on("exit", () => rmSync(workFolder!, { recursive: true, force: true }));
  }
  return workFolder;
}

/** Bun itself, where another user can run it (node_modules may be out of their reach). */
let runtime: string | undefined;
function sharedRuntime(): string {
  if (runtime && existsSync(runtime)) return runtime;
  runtime = join(scratch(), "bun");
  try {
    linkSync(process.execPath, runtime);
  } catch {
    copyFileSync(process.execPath, runtime);
  }
  chmodSync(runtime, 0o755);
  return runtime;
}

const bundles = new Map<string, string>();
function bundled(name: string): string {
  const known = bundles.get(name);
  if (known) return known;
  const outfile = join(scratch(), `${name.replace(/\.ts$/, "")}.js`);
  const built = Bun.spawnSync(
    [process.execPath, "build", join(supportDir, name), "--target=bun", "--outfile", outfile],
    { stdout: "pipe", stderr: "pipe", cwd: supportDir },
  );
  if (built.exitCode !== 0) throw new Error(`bundling ${name} failed: ${built.stderr}`);
  chmodSync(outfile, 0o644);
  bundles.set(name, outfile);
  return outfile;
}

/** Starts the helper with a pipe on its stdin; closing it (`go()`) is a start signal. */
export function startScript(name: string, args: string[], options: ScriptOptions = {}) {
  const asOther = Boolean(options.prefix?.length);
  const script = asOther ? bundled(name) : join(supportDir, name);
  const bun = asOther ? sharedRuntime() : process.execPath;
  const command = [...(options.prefix ?? []), bun, script, ...args];
  const cwd = scratch();
  checkChildCwd(command, cwd);
  const child = Bun.spawn(command, {
    cwd,
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
