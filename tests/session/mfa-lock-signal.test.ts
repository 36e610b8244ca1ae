/**
 * A signal to the MFA lock's holder leaves no fail marker: its waiters carry on, and the next
 * one asks for a code itself. The signal was sent to the holder: a Ctrl-C at a terminal reaches
 * the whole foreground process group, so waiters there get it too and stop by themselves (their
 * lock wait listens); one sent to the holder alone (kill PID, a wrapper's timeout) is, like a
 * SIGKILL, the holder's end, not a cancel of the callers that still need a session. A cancel the
 * person typed or clicked (Ctrl-C or Ctrl-D at the code prompt, Cancel in the dialog) does leave
 * the marker: one cancel for everyone (docs/mfa-lock.md).
 */
import { afterEach, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { CancelledError, cancelledBy } from "../../src/errors.ts";
import { failMarkerPath } from "../../src/session/fail-marker.ts";
import { withMfaLock } from "../../src/session/mfa-lock.ts";
import { sandboxDeps } from "../otp/support/world.ts";
import { processSignals } from "../support/process-signals.ts";
import { makeSandbox, type Sandbox } from "../support/sandbox.ts";

let sandbox: Sandbox | undefined;
afterEach(() => {
  sandbox?.cleanup();
  sandbox = undefined;
});

const clock = { now: () => Date.now(), sleep: (ms: number) => Bun.sleep(ms) };

/** One awsmfa process: its own pid, its own FileSystem (a signal's clean-up is kept per one). */
function actor(box: Sandbox, pid: number) {
  const { onInterrupt, send } = processSignals();
  const { deps } = sandboxDeps(box, { clock });
  deps.fs = { ...nodeFs } as unknown as FileSystem;
  deps.processes = { pid, isAlive: () => true };
  deps.onInterrupt = onInterrupt;
  return { deps, send };
}

/**
 * A holder whose work `end`s it while a waiter waits; what the holder and the waiter end with,
 * and whether the marker was left.
 */
async function holderEndedBy(end: (holder: ReturnType<typeof actor>) => void | Promise<void>) {
  sandbox = makeSandbox();
  const path = join(sandbox.home, ".cache", "awsmfa", "sessions", "session.json");
  const holder = actor(sandbox, 1000);
  const waiter = actor(sandbox, 2000);
  const holding = Promise.withResolvers<void>();
  const failWith = Promise.withResolvers<never>();
  const held = withMfaLock(
    path,
    holder.deps,
    async () => {
      holding.resolve();
      return await failWith.promise; // AWS answering
    },
    "Waiting",
    60_000,
  ).catch((error: unknown) => error);
  await holding.promise;
  const waiting = Promise.withResolvers<void>();
  // The waiter says "Waiting" on a terminal's stderr once it finds the lock held: then it waits.
  const { stderr } = waiter.deps.io;
  const write = stderr.write.bind(stderr);
  Object.defineProperty(stderr, "isTTY", { value: true });
  stderr.write = ((text: string) => {
    waiting.resolve();
    return write(text);
  }) as typeof stderr.write;
  const waited = withMfaLock(
    path,
    waiter.deps,
    async () => "asked AWS itself",
    "Waiting",
    60_000,
  ).catch((error: unknown) => error);
  await waiting.promise;
  await end(holder);
  const ended = await held;
  // The abandoned call fails later (the process would have exited): nothing more is written.
  failWith.reject(new Error("the holder's work, abandoned"));
  return {
    holder: ended,
    markerLeft: existsSync(failMarkerPath(path)),
    waiter: await waited,
  };
}

test("SIGTERM to the holder while AWS answers: the lock let go, no marker, the waiter asks AWS itself", async () => {
  const outcome = await holderEndedBy((holder) => holder.send("SIGTERM"));
  expect(outcome.holder).toBeInstanceOf(CancelledError);
  expect((outcome.holder as CancelledError).signal).toBe("SIGTERM");
  expect(outcome.markerLeft).toBe(false);
  expect(outcome.waiter).toBe("asked AWS itself");
});

test("a holder's work ended by a signal's cancel (a wait inside it took the signal): no marker either", async () => {
  sandbox = makeSandbox();
  const path = join(sandbox.home, ".cache", "awsmfa", "sessions", "session.json");
  const holder = actor(sandbox, 1000);
  const ended = await withMfaLock(
    path,
    holder.deps,
    async () => {
      throw cancelledBy("SIGHUP");
    },
    "Waiting",
    60_000,
  ).catch((error: unknown) => error);
  expect((ended as CancelledError).signal).toBe("SIGHUP");
  expect(existsSync(failMarkerPath(path))).toBe(false);
});

test("a cancel typed at the prompt (no signal) still leaves the marker, for its waiters to fail the same way", async () => {
  sandbox = makeSandbox();
  const path = join(sandbox.home, ".cache", "awsmfa", "sessions", "session.json");
  const holder = actor(sandbox, 1000);
  const ended = await withMfaLock(
    path,
    holder.deps,
    async () => {
      throw new CancelledError();
    },
    "Waiting",
    60_000,
  ).catch((error: unknown) => error);
  expect(ended).toBeInstanceOf(CancelledError);
  expect(existsSync(failMarkerPath(path))).toBe(true);
});
