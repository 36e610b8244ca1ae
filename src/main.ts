/**
 * The only file that touches process globals: it gathers the facts of this process, runs the
 * CLI, and exits with its code.
 *
 * The explicit exit matters: a prompt on /dev/tty leaves a read that Bun cannot cancel, which
 * would otherwise keep the process alive until the next key press. Output is written
 * synchronously, so nothing is lost by exiting.
 *
 * The binary runs main() as it is. The crash tests' own binary is built from a test-only
 * entry point (tests/support/fault-main.ts, never shipped) that imports main() and arms the
 * Deps' fault hooks, so the product itself reads no test switch.
 */
import { writeSync } from "node:fs";
import { homedir } from "node:os";
import { run } from "./cli.ts";
import type { Deps } from "./deps.ts";
import { realDeps } from "./system/index.ts";
import { isTerminal } from "./system/isatty.ts";
import { oneLine } from "./ui/report.ts";

/**
 * The last resort: anything that escapes run() (an error in a callback, a rejected promise no
 * one awaited) is one line and exit 1, never Bun's report, which quotes the bundle's source.
 */
function lastResort(error: unknown): never {
  try {
    writeSync(
      2,
      `awsmfa: unexpected error: ${oneLine(error)}\n  This is a bug in awsmfa. Run again with AWSMFA_DEBUG=1 for details, and report it.\n`,
    );
  } catch {
    // stderr is gone too; the exit code still says it
  }
  process.exit(1);
}

/** Runs awsmfa in this process; `adjust` is for the test-only entry point alone. */
export function main(adjust: (deps: Deps) => Deps = (deps) => deps): void {
  process.on("uncaughtException", lastResort);
  process.on("unhandledRejection", lastResort);
  const deps = realDeps({
    env: { ...process.env },
    platform: process.platform,
    arch: process.arch,
    homedir: homedir(),
    uid: process.getuid?.(),
    execPath: process.execPath,
    script: process.argv[1],
    // Not process.stdout.isTTY: creating the stream objects costs ~10 ms of start-up.
    isTerminal: (fd) => isTerminal(fd, process.platform),
    pid: process.pid,
    kill: (pid, signal) => process.kill(pid, signal),
    onSignal: (signal, handler) => {
      process.on(signal, handler);
      return () => process.off(signal, handler);
    },
  });
  run(process.argv.slice(2), adjust(deps)).then((code) => process.exit(code), lastResort);
}

if (import.meta.main) main();
