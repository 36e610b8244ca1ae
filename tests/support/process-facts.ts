/**
 * processFacts(): the facts main.ts hands to realDeps, taken from this test process, for tests
 * that check the real Deps (lock host names, the notify timer, child scripts that write the way
 * the app does). No terminal; override any fact by name.
 */
import { homedir } from "node:os";
import type { ProcessFacts } from "../../src/system/index.ts";

export function processFacts(overrides: Partial<ProcessFacts> = {}): ProcessFacts {
  return {
    env: {},
    platform: process.platform,
    arch: process.arch,
    homedir: homedir(),
    uid: process.getuid?.(),
    execPath: process.execPath,
    script: process.argv[1],
    isTerminal: () => false,
    pid: process.pid,
    kill: (pid, signal) => process.kill(pid, signal),
    onSignal: (signal, handler) => {
      process.on(signal, handler);
      return () => process.off(signal, handler);
    },
    ...overrides,
  };
}
