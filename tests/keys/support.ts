/** Deps for key-store tests: a sandbox HOME, real files and real programs, the real clock. */
import type { StoreDeps } from "../../src/keys/store.ts";
import { execFile } from "../../src/system/exec-file.ts";
import type { Sandbox } from "../support/sandbox.ts";
import { testDeps } from "../support/test-deps.ts";

export function storeDeps(sandbox: Sandbox, env: Record<string, string> = {}): StoreDeps {
  return testDeps({
    env: { ...sandbox.env, ...env },
    exec: execFile,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    homedir: sandbox.home,
  }).deps;
}

export const KEYS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
export const OTHER = {
  accessKeyId: "AKIAI44QH8DHBEXAMPLE",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
};
