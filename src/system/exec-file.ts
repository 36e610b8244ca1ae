/**
 * Runs external programs (password managers, ykman) without a shell. Secrets never go on argv:
 * callers pass them through `env` or `input` when they must pass them at all.
 */
import type { Exec, ExecResult } from "../deps.ts";
import { type PipedChild, spawnChild } from "./spawn-child.ts";
import { timerMs } from "./timer-ms.ts";

/** How long output may still arrive after the child has exited. */
const EXIT_GRACE_MS = 200;
/**
 * What is kept of a child's stdout or stderr. Every program awsmfa reads prints a code, a
 * token or a short message; `yes` as a code command must not grow the process to gigabytes.
 */
export const MAX_CHILD_OUTPUT = 1024 * 1024;

/** The programs running now, so that awsmfa ending on a signal ends them too (child-guard.ts). */
export const liveChildren = new Set<{ kill(signal?: NodeJS.Signals): boolean }>();

export const execFile: Exec = (file, args, options = {}) =>
  new Promise<ExecResult>((resolve) => {
    let child: PipedChild;
    try {
      child = spawnChild(file, args, {
        env: options.env,
        cwd: options.cwd,
        stdio: "pipe",
        windowsHide: true,
      }) as PipedChild;
    } catch (error) {
      // Bun throws some failures at once (ENOEXEC: a file marked executable that is no
      // program, such as a script without #!) where Node emits "error": report them the same.
      const spawnError = error as NodeJS.ErrnoException;
      resolve({ code: null, signal: null, spawnError, stdout: "", stderr: "", timedOut: false });
      return;
    }
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let overflowed = false;
    let settled = false;
    const limit = options.maxOutput ?? MAX_CHILD_OUTPUT;
    liveChildren.add(child);
    const finish = (result: Omit<ExecResult, "stdout" | "stderr" | "timedOut">) => {
      liveChildren.delete(child);
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, stdout, stderr, timedOut, ...(overflowed ? { overflowed } : {}) });
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, timerMs(options.timeoutMs));
    const overflow = () => {
      if (overflowed) return;
      overflowed = true;
      child.kill("SIGKILL");
      child.stdout.destroy();
      child.stderr.destroy();
    };
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (overflowed) return;
      stdout += chunk.slice(0, limit - stdout.length);
      if (stdout.length >= limit) overflow();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      if (overflowed) return;
      stderr += chunk.slice(0, limit - stderr.length);
      if (stderr.length >= limit) overflow();
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      finish({ code: null, signal: null, spawnError: error }),
    );
    child.on("close", (code, signal) => finish({ code, signal }));
    child.on("exit", (code, signal) => {
      // A process the child left behind (a daemon, a `sleep &`) may hold the pipes open, and
      // "close" would wait for it, past any timeout. Take what was printed and move on.
      setTimeout(() => {
        finish({ code, signal });
        child.stdout.destroy();
        child.stderr.destroy();
      }, EXIT_GRACE_MS);
    });
    child.stdin.on("error", () => {
      // the child may exit without reading its input; that is its business
    });
    child.stdin.end(options.input ?? "");
  });
