/**
 * testDeps(): the one way tests build a Deps (the `iostreams.Test()` of GitHub CLI). Every
 * member is there, with a harmless default: captured stdout and stderr, no terminal, a clock
 * at a fixed time that does not sleep, the real file system, and no programs (exec, spawn and
 * background throw: a test that needs one passes its own). Override any member by name.
 */
import * as fsPromises from "node:fs/promises";
import type { Deps, Io } from "../../src/deps.ts";

export interface TestDepsOptions extends Partial<Omit<Deps, "io">> {
  /** Whether stdout and stderr claim to be terminals (default false: captured). */
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** Lines standard input gives, one per readLine (default: none). */
  stdin?: readonly string[];
}

export interface TestDeps {
  deps: Deps;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/** The time testDeps' clock shows unless a test passes its own: 2026-01-01T00:00:00Z. */
export const TEST_NOW = Date.UTC(2026, 0, 1);

export function testDeps(options: TestDepsOptions = {}): TestDeps {
  const { stdoutIsTTY = false, stderrIsTTY = false, stdin = [], ...overrides } = options;
  let out = "";
  let err = "";
  const lines = [...stdin];
  const io: Io = {
    readLine: async () => lines.shift() ?? null,
    stdinIsTTY: false,
    stdout: {
      write: (text) => {
        out += text;
      },
      // As the real writer: the bytes as they are (Writer.writeBytes: ASCII)
      writeBytes: (bytes) => {
        out += Buffer.from(bytes).toString("latin1");
      },
      isTTY: stdoutIsTTY,
    },
    stderr: {
      write: (text) => {
        err += text;
      },
      isTTY: stderrIsTTY,
    },
  };
  const refuse = (what: string) => () => {
    throw new Error(`this test gave awsmfa no ${what}`);
  };
  const deps: Deps = {
    env: {},
    io,
    clock: { now: () => TEST_NOW, sleep: async () => undefined },
    fs: fsPromises,
    exec: async () => refuse("programs to run")(),
    terminal: () => null,
    platform: "linux",
    arch: "x64",
    homedir: "/nonexistent/home",
    selfPath: "/usr/local/bin/awsmfa",
    selfCommand: ["/usr/local/bin/awsmfa"],
    build: { version: "0.0.0-test", commit: "test" },
    processes: { pid: process.pid, isAlive: () => true },
    spawnInteractive: async () => refuse("interactive programs")(),
    background: { spawn: refuse("background programs"), stop: () => false },
    // No owners in hand-built files of tests unless a test gives them; no signals caught.
    uid: undefined,
    gid: undefined,
    onInterrupt: () => () => undefined,
    hooks: {},
    ...overrides,
  };
  return { deps, stdout: () => out, stderr: () => err };
}
