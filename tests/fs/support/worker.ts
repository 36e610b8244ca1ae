/**
 * Child process for the multi-process tests. Uses the real pid and process.kill, as main.ts
 * does, and prints one JSON line: {ok, ms} or {ok: false, name, message, hint}.
 *
 *   worker.ts append <path> <line> [readyFile]  append a line with updateFile; when readyFile
 *                                               is given, create it and wait for stdin to close
 *   worker.ts hold <path> <ms> <heldFile>       take the lock, create heldFile, keep the lock
 *                                               for ms, then write "held\n" to path
 *   worker.ts append-within <path> <line> <timeoutMs>   append with a short lock timeout
 */
import { writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { withFileLock } from "../../../src/fs/lock.ts";
import { updateFile } from "../../../src/fs/update.ts";

const me = {
  pid: process.pid,
  isAlive(pid: number) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== "ESRCH";
    }
  },
};

/** A read-modify-write slow enough that, without the lock, writers would overwrite each other. */
function appendSlowly(line: string) {
  return (current: string | null) => {
    const until = performance.now() + 5;
    while (performance.now() < until) {}
    return `${current ?? ""}${line}\n`;
  };
}

const [mode, path, arg, extra] = process.argv.slice(2) as [string, string, string, string?];
const started = performance.now();
try {
  if (mode === "append") {
    if (extra) {
      writeFileSync(extra, "");
      await Bun.stdin.text(); // The parent closes our stdin to start everyone at once.
    }
    await updateFile(fs, path, appendSlowly(arg), me);
  } else if (mode === "hold") {
    await withFileLock(
      fs,
      path,
      async () => {
        writeFileSync(extra!, "");
        await Bun.sleep(Number(arg));
        await fs.writeFile(path, "held\n");
      },
      me,
    );
  } else if (mode === "append-within") {
    await updateFile(fs, path, appendSlowly(arg), { ...me, timeoutMs: Number(extra) });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  console.log(JSON.stringify({ ok: true, ms: Math.round(performance.now() - started) }));
} catch (error) {
  const { name, message, hint } = error as { name: string; message: string; hint?: string };
  console.log(JSON.stringify({ ok: false, name, message, hint }));
}
