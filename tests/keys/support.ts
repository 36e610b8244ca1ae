/** Deps for key-store tests: a sandbox HOME, real files and real programs, a fixed clock. */
import * as fsPromises from "node:fs/promises";
import type { StoreDeps } from "../../src/keys/store.ts";
import { execFile } from "../../src/system/exec-file.ts";
import type { Sandbox } from "../support/sandbox.ts";

export function storeDeps(sandbox: Sandbox, env: Record<string, string> = {}): StoreDeps {
  return {
    env: { ...sandbox.env, ...env },
    exec: execFile,
    fs: fsPromises,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    terminal: () => null,
    platform: "linux",
    homedir: sandbox.home,
  };
}

export const KEYS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
export const OTHER = {
  accessKeyId: "AKIAI44QH8DHBEXAMPLE",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
};
