/**
 * In-process worlds for the code-source and reuse-guard tests: hand-built Deps around a real
 * file system sandbox, and a clock that is the fake AWS's clock. Sleeping on it moves the fake
 * AWS forward too, so "wait for the next 30-second window" takes microseconds and TOTP follows.
 */

import { join } from "node:path";
import type { Clock, Terminal } from "../../../src/deps.ts";
import { execFile } from "../../../src/system/exec-file.ts";
import type { FakeAws } from "../../support/fake-aws.ts";
import type { Sandbox } from "../../support/sandbox.ts";
import { type TestDeps, testDeps } from "../../support/test-deps.ts";

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

/** tests/support/test-deps.ts's testDeps, at home in `sandbox`, running real programs. */
export function sandboxDeps(
  sandbox: Sandbox,
  options: { clock: Clock; terminal?: Terminal | null; env?: Record<string, string> },
): TestDeps {
  return testDeps({
    env: { ...sandbox.env, ...(options.env ?? {}) },
    clock: options.clock,
    exec: execFile,
    terminal: () => options.terminal ?? null,
    homedir: sandbox.home,
    selfPath: join(sandbox.home, "awsmfa"),
    selfCommand: [join(sandbox.home, "awsmfa")],
  });
}
