/**
 * Builds the real Deps from facts main.ts hands over. This file does not read `process`
 * itself, so everything that depends on the outside world is visible in main.ts.
 */
import * as fsPromises from "node:fs/promises";
import { buildInfo } from "./build-info.ts";
import type { Deps, Terminal } from "./deps.ts";
import { execFile } from "./exec.ts";
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
  };
}
