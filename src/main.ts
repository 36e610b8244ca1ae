/**
 * The only file that touches process globals: it gathers the facts of this process, runs the
 * CLI, and exits with its code.
 *
 * A cached login, credential-process and prompt are first tried by the fast path
 * (commands/fast/), which loads neither commander nor the command modules; only when it
 * cannot finish alone is the full CLI loaded. A build with --no-fast-path (build.ts) leaves
 * the fast path out, so that the tests can compare the two.
 *
 * The explicit exit matters: a prompt on /dev/tty leaves a read that Bun cannot cancel, which
 * would otherwise keep the process alive until the next key press. Output is written
 * synchronously, so nothing is lost by exiting.
 *
 * The binary runs main() as it is. The crash tests' own binary is built from a test-only
 * entry point (tests/support/fault-main.ts, never shipped) that imports main() and arms the
 * Deps' fault hooks, so the product itself reads no test switch.
 */
import { fastInvocation } from "./commands/fast/invocation.ts";
import type { Deps } from "./deps.ts";
import { actionJitPolicy, CLI_START_JIT_POLICY } from "./system/jit-policy.ts";

/** false in a build made with `bun build.ts --no-fast-path`; undefined when run from source. */
declare const AWSMFA_FAST_PATH: boolean | undefined;

/**
 * The last resort: anything that escapes run() (an error in a callback, a rejected promise no
 * one awaited) is one line and exit 1, never Bun's report, which quotes the bundle's source.
 * What it needs is loaded when it is needed: loading node:fs costs every run ~1.3 ms, and
 * `prompt` needs none of it; ui/report.ts and isatty.ts at start cost the cached paths 0.3 ms.
 */
function lastResort(error: unknown): void {
  // Straight to fd 2, past the writers: made printable here (a message may quote a value).
  Promise.all([import("./ui/report.ts"), import("./system/printable.ts")])
    .then(([{ oneLine }, { printable }]) => printable(oneLine(error)))
    // The report module itself failed to load: no details, rather than unmasked ones.
    .catch(() => "(no details)")
    .then((line) => {
      try {
        const { writeSync } = require("node:fs") as typeof import("node:fs");
        writeSync(
          2,
          `awsmfa: unexpected error: ${line}\n  This is a bug in awsmfa. Run again with AWSMFA_DEBUG=1 for details, and report it.\n`,
        );
      } catch {
        // stderr is gone too; the exit code still says it
      }
      process.exit(1);
    });
}

/**
 * Runs awsmfa in this process. `adjust` is for the test-only entry point alone: it changes
 * the full CLI's Deps, so that entry point skips the fast path.
 */
export async function main(adjust?: (deps: Deps) => Deps): Promise<void> {
  process.on("uncaughtException", lastResort);
  process.on("unhandledRejection", lastResort);

  const argv = process.argv.slice(2);
  // Windows reads names without regard to case (system/windows-env.ts). Loaded only there:
  // elsewhere start-up neither loads nor parses it.
  const windows =
    process.platform === "win32" ? await import("./system/windows-env.ts") : undefined;
  // Without a prototype: a variable named __proto__ or constructor is a variable like any
  // other, to be read and handed on (system/env-record.ts), not a member of Object.
  const env = windows
    ? windows.windowsEnvironment(process.env)
    : (Object.assign(Object.create(null), process.env) as Record<string, string | undefined>);
  // Bun's homedir() is $HOME when it is set (elsewhere than Windows), else the user database;
  // node:os is loaded only for the latter (~0.3 ms of every run).
  const home = (process.platform !== "win32" && env.HOME) || osHomedir();

  const fast = !adjust && (typeof AWSMFA_FAST_PATH === "undefined" || AWSMFA_FAST_PATH);
  const invocation = fast ? fastInvocation(argv, env) : undefined;
  if (invocation) {
    const facts = {
      env,
      platform: process.platform,
      arch: process.arch,
      homedir: home,
      uid: process.getuid?.(),
      gid: process.getgid?.(),
      execPath: process.execPath,
    };
    // The lean paths first (commands/fast/prompt.ts, lean.ts): the prompt and the usual cached
    // login in a fraction of the code; then the fast path's general tier; then the full CLI.
    // What escapes them is a write of their output that failed (stdout closed, a full disk).
    try {
      if (invocation.kind === "prompt") {
        if (await (await import("./commands/fast/prompt.ts")).promptMain(invocation, env)) {
          process.exit(0);
        }
      } else {
        const lean = await (await import("./commands/fast/lean.ts")).leanMain(invocation, facts);
        if (lean !== undefined) process.exit(lean);
      }
      const { fastRun } = await import("./commands/fast/index.ts");
      const code = await fastRun(invocation, { ...facts, isTerminal: await terminal() });
      if (code !== undefined) process.exit(code);
    } catch (error) {
      const { reportFastFailure } = await import("./commands/fast/failed-output.ts");
      process.exit(reportFastFailure(error, env, await terminal()));
    }
  }

  // The build starts the program with a reluctant JIT (build.ts, --compile-jit-policy), which
  // suits the fast path's run-once code. Commander's start-up (loading it, defining the
  // commands, parsing, `--help`) runs once too and gets a more reluctant one still (`--help`:
  // 2 ms less CPU); the command's action then gets its own (system/jit-policy.ts): the
  // build's for the short runs, the normal one for a command that may go over every profile
  // (list at 10k profiles: 8% faster).
  const programJit = () => Bun.unsafe.setJITPolicy(CLI_START_JIT_POLICY);
  const actionJit = (command: string) => Bun.unsafe.setJITPolicy(actionJitPolicy(command));

  const [{ run }, { realDeps }, isTerminal] = await Promise.all([
    import("./cli.ts"),
    import("./system/index.ts"),
    terminal(),
  ]);
  const deps = realDeps({
    env,
    platform: process.platform,
    arch: process.arch,
    homedir: home,
    uid: process.getuid?.(),
    gid: process.getgid?.(),
    execPath: process.execPath,
    script: process.argv[1],
    isTerminal,
    pid: process.pid,
    kill: (pid, signal) => process.kill(pid, signal),
    onSignal: (signal, handler) => {
      process.on(signal, handler);
      return () => process.off(signal, handler);
    },
    listenerCount: (signal) => process.listenerCount(signal),
    exit: (code) => process.exit(code),
    // A child gets the names as spelled here (POSIX layers on Windows read them by case).
    childNames: windows?.childSpelling(process.env),
  });
  run(argv, adjust ? adjust(deps) : deps, actionJit, programJit).then(
    (code) => process.exit(code),
    lastResort,
  );
}

/** Not process.stdout.isTTY: creating the stream objects costs ~10 ms of start-up. */
async function terminal(): Promise<(fd: number) => boolean> {
  const { isTerminal } = await import("./system/isatty.ts");
  return (fd) => isTerminal(fd, process.platform);
}

function osHomedir(): string {
  return (require("node:os") as typeof import("node:os")).homedir();
}

if (import.meta.main) await main();
