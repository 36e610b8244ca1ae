/**
 * Builds the real Deps from facts main.ts hands over. This file does not read `process`
 * itself, so everything that depends on the outside world is visible in main.ts.
 */
import * as fsPromises from "node:fs/promises";
import { buildInfo } from "./build-info.ts";
import type { Deps, Processes, Terminal } from "./deps.ts";
import { execFile, spawnDetached } from "./exec.ts";
import { readLineSync } from "./stdin.ts";
import { openTerminal, writeAll } from "./terminal.ts";

export interface ProcessFacts {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  execPath: string;
  /** process.argv[1]: the script when run by `bun src/main.ts`, a $bunfs path when compiled. */
  script: string | undefined;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  pid: number;
  /** process.kill: signal 0 asks whether a lock holder runs; SIGTERM ends a --notify timer. */
  kill(pid: number, signal: number | NodeJS.Signals): void;
  /** process.exit, for the test-only fault hook below. */
  exit(code: number): never;
}

export function realDeps(facts: ProcessFacts): Deps {
  const compiled = facts.script === undefined || facts.script.includes("$bunfs");
  let terminal: Terminal | null | undefined;
  return {
    env: facts.env,
    io: {
      readLine: async () => readLineSync(0),
      stdinIsTTY: facts.stdinIsTTY,
      stdout: { write: (text) => writeAll(1, text), isTTY: facts.stdoutIsTTY },
      stderr: { write: (text) => writeAll(2, text), isTTY: facts.stderrIsTTY },
    },
    clock: {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
    fs: fsPromises,
    exec: execFile,
    terminal() {
      if (terminal === undefined) terminal = openTerminal(facts.platform);
      return terminal;
    },
    platform: facts.platform,
    homedir: facts.homedir,
    selfPath: facts.execPath,
    selfCommand: compiled || !facts.script ? [facts.execPath] : [facts.execPath, facts.script],
    build: buildInfo(),
    processes: processesOf(facts),
    background: {
      spawn: spawnDetached,
      stop(pid) {
        try {
          facts.kill(pid, "SIGTERM");
          return true;
        } catch {
          return false;
        }
      },
    },
    hooks: faultHooks(facts),
  };
}

function processesOf(facts: ProcessFacts): Processes {
  return {
    pid: facts.pid,
    isAlive(pid) {
      try {
        facts.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists but belongs to someone else. Only ESRCH proves it is gone.
        return (error as NodeJS.ErrnoException).code !== "ESRCH";
      }
    },
  };
}

/**
 * AWSMFA_TEST_FAULT is for awsmfa's own tests only, never for users:
 * `exit-after-temp-write` exits with code 99 right after a file write has written and fsynced
 * its temp file and before the rename, as a crash at the worst moment would. Tests then check
 * that the user's file is unchanged and that the next write succeeds.
 */
function faultHooks(facts: ProcessFacts): Deps["hooks"] {
  if (facts.env.AWSMFA_TEST_FAULT !== "exit-after-temp-write") return undefined;
  return { afterTempWritten: () => facts.exit(99) };
}
