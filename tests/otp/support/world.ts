/**
 * In-process worlds for the code-source and reuse-guard tests: hand-built Deps around a real
 * file system sandbox, and a clock that is the fake AWS's clock. Sleeping on it moves the fake
 * AWS forward too, so "wait for the next 30-second window" takes microseconds and TOTP follows.
 */
import * as fsPromises from "node:fs/promises";
import { join } from "node:path";
import type { Clock, Deps, Terminal } from "../../../src/deps.ts";
import { execFile } from "../../../src/system/exec-file.ts";
import type { FakeAws } from "../../support/fake-aws.ts";
import type { Sandbox } from "../../support/sandbox.ts";

export interface AwsClock {
  clock: Clock;
  /** Every sleep asked for, in ms. */
  sleeps: number[];
}

export function awsClock(aws: FakeAws): AwsClock {
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => aws.now(),
      async sleep(ms) {
        sleeps.push(ms);
        aws.clockOffsetMs += ms;
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
  };
}

/** A terminal that records what was written to it. */
export function recordingTerminal(): Terminal & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    get input(): never {
      throw new Error("this test terminal cannot be read");
    },
    output: () => {
      throw new Error("this test terminal has no prompt output");
    },
    write: (text) => void written.push(text),
  };
}

export interface TestDeps {
  deps: Deps;
  stderr: () => string;
  stdout: () => string;
}

export function testDeps(
  sandbox: Sandbox,
  options: { clock: Clock; terminal?: Terminal | null; env?: Record<string, string> },
): TestDeps {
  let out = "";
  let err = "";
  const deps: Deps = {
    env: { ...sandbox.env, ...(options.env ?? {}) },
    io: {
      readLine: async () => null,
      stdinIsTTY: false,
      stdout: {
        write: (t) => {
          out += t;
        },
        isTTY: false,
      },
      stderr: {
        write: (t) => {
          err += t;
        },
        isTTY: false,
      },
    },
    clock: options.clock,
    fs: fsPromises,
    exec: execFile,
    terminal: () => options.terminal ?? null,
    platform: "linux",
    homedir: sandbox.home,
    selfPath: join(sandbox.home, "awsmfa"),
    selfCommand: [join(sandbox.home, "awsmfa")],
    build: { version: "0.0.0-test", commit: "test" },
  };
  return { deps, stderr: () => err, stdout: () => out };
}
