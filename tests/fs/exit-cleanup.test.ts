/**
 * exit-cleanup.ts: a signal while a lock with releaseOnInterrupt is held, and a write inside it
 * is between its temp file and its rename, leaves neither the temp file nor a lock, leaves the
 * file as it was, and refuses whatever the abandoned work tries to write afterwards.
 */
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { CancelledError, exitCodeFor, type InterruptSignal } from "../../src/errors.ts";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { guardWrites, stopWrites } from "../../src/fs/exit-cleanup.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { updateFile } from "../../src/fs/update.ts";
import { processSignals } from "../support/process-signals.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

test("a signal mid-write: temp file and both locks gone, the file unchanged, later writes refused", async () => {
  // A FileSystem of its own: the clean-up's state is kept per FileSystem.
  const fs = { ...nodeFs } as unknown as FileSystem;
  const dir = scratchDir("exit-cleanup");
  const outer = join(dir, "mfa");
  const file = join(dir, "credentials");
  writeFileSync(file, "[prod]\nx = 1\n");
  // The process's listeners: several may be on at once (a lock's wait hands over to its hold).
  const { onInterrupt, send: signal } = processSignals();
  let abandoned: Promise<unknown> | undefined;
  const run = withFileLock(
    fs,
    outer,
    async () => {
      abandoned = updateFile(fs, file, () => "[prod]\nx = 2\n", {
        hooks: {
          afterTempWritten: async () => {
            expect(leftovers(dir).some((n) => n.endsWith(".awsmfa-tmp"))).toBe(true);
            signal("SIGTERM");
            await Bun.sleep(50);
          },
        },
      }).catch((error: unknown) => error);
      return abandoned;
    },
    { releaseOnInterrupt: true, onInterrupt },
  );
  expect(run).rejects.toBeInstanceOf(CancelledError);
  // 128 + SIGTERM's number, as a shell reports a process SIGTERM ended.
  expect(exitCodeFor(await run.catch((error: unknown) => error))).toBe(143);
  // The abandoned write ends refused before its rename (its lock is gone, later writes are
  // refused): it never replaces the file.
  expect(await abandoned).toBeInstanceOf(Error);
  expect(leftovers(dir)).toEqual(["credentials"]);
  expect(readFileSync(file, "utf8")).toBe("[prod]\nx = 1\n");
  expect(writeFileAtomic(fs, join(dir, "later"), "x")).rejects.toBeInstanceOf(CancelledError);
  expect(withFileLock(fs, join(dir, "later"), async () => 1)).rejects.toBeInstanceOf(
    CancelledError,
  );
  // Another FileSystem (another process, another test) is not affected.
  const other = { ...nodeFs } as unknown as FileSystem;
  await writeFileAtomic(other, join(dir, "other"), "y");
  expect(readFileSync(join(dir, "other"), "utf8")).toBe("y");
});

/** A guard whose signals the test sends, and whose exit it records. */
function testGuard(fs: FileSystem) {
  let exited = () => {};
  const state = {
    listening: 0,
    exits: [] as number[],
    send: (_s: InterruptSignal) => {},
    /** Settles at the guard's first exit (after its clean-up, which is asynchronous). */
    exited: new Promise<void>((resolve) => {
      exited = resolve;
    }),
  };
  guardWrites(fs, {
    onLoneSignal(handler) {
      state.listening++;
      state.send = handler;
      return () => {
        state.listening--;
        state.send = () => {};
      };
    },
    exit: (code) => {
      state.exits.push(code);
      exited();
    },
  });
  return state;
}

test("with no lock that takes signals: the guard listens only while a write is on disk", async () => {
  const fs = { ...nodeFs } as unknown as FileSystem;
  const guard = testGuard(fs);
  const dir = scratchDir("exit-cleanup");
  const file = join(dir, "credentials");
  const during: number[] = [];
  await updateFile(fs, file, () => "x\n", {
    hooks: { afterTempWritten: () => void during.push(guard.listening) },
  });
  expect(during).toEqual([1]);
  // Nothing on disk: a signal keeps its default (the process ends at once, nothing to undo).
  expect(guard.listening).toBe(0);
  expect(guard.exits).toEqual([]);
});

test.each([
  ["SIGTERM", 143],
  ["SIGINT", 130],
  ["SIGHUP", 129],
] as const)(
  "%s mid-write, lock and temp file on disk: both removed, then exit %d",
  async (signal, code) => {
    const fs = { ...nodeFs } as unknown as FileSystem;
    const guard = testGuard(fs);
    const dir = scratchDir("exit-cleanup");
    const file = join(dir, "credentials");
    writeFileSync(file, "[prod]\nx = 1\n");
    const write = updateFile(fs, file, () => "[prod]\nx = 2\n", {
      hooks: {
        afterTempWritten: async () => {
          expect(leftovers(dir, "credentials").sort()).toEqual([
            expect.stringMatching(/^\.credentials\..*\.awsmfa-tmp$/),
            "credentials.lock",
          ]);
          guard.send(signal);
          await Bun.sleep(0);
        },
      },
    }).catch((error: unknown) => error);
    const error = await write;
    expect(error).toBeInstanceOf(CancelledError);
    expect(exitCodeFor(error)).toBe(code);
    await guard.exited;
    expect(guard.exits).toEqual([code]);
    expect(leftovers(dir)).toEqual(["credentials"]);
    expect(readFileSync(file, "utf8")).toBe("[prod]\nx = 1\n");
    expect(guard.listening).toBe(0);
  },
);

test("a write that takes no lock (a cache file): its temp file goes, then exit 143", async () => {
  const fs = { ...nodeFs } as unknown as FileSystem;
  const guard = testGuard(fs);
  const dir = scratchDir("exit-cleanup");
  const file = join(dir, "session.json");
  const write = writeFileAtomic(fs, file, "{}", {
    durable: false,
    hooks: {
      afterTempWritten: async () => {
        expect(guard.listening).toBe(1);
        guard.send("SIGTERM");
        await Bun.sleep(0);
      },
    },
  }).catch((error: unknown) => error);
  expect(exitCodeFor(await write)).toBe(143);
  await guard.exited;
  expect(guard.exits).toEqual([143]);
  expect(leftovers(dir)).toEqual([]);
  expect(guard.listening).toBe(0);
});

test("a clean-up that released the lock before the write's last check: the signal's cancel, not a stolen lock", async () => {
  const fs = { ...nodeFs } as unknown as FileSystem;
  const dir = scratchDir("exit-cleanup");
  const file = join(dir, "credentials");
  writeFileSync(file, "[prod]\nx = 1\n");
  const error = await updateFile(fs, file, () => "[prod]\nx = 2\n", {
    hooks: {
      // The signal's clean-up runs to its end (temp file and lock gone) before the write goes on.
      afterTempWritten: () => stopWrites(fs, "SIGHUP"),
    },
  }).catch((error: unknown) => error);
  expect(error).toBeInstanceOf(CancelledError);
  expect(exitCodeFor(error)).toBe(129);
  expect(leftovers(dir)).toEqual(["credentials"]);
  expect(readFileSync(file, "utf8")).toBe("[prod]\nx = 1\n");
});
