/**
 * Runs external programs (password managers, ykman) without a shell. Secrets never go on argv:
 * callers pass them through `env` or `input` when they must pass them at all.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import type { Exec, ExecResult } from "../deps.ts";

/** How long output may still arrive after the child has exited. */
const EXIT_GRACE_MS = 200;

export const execFile: Exec = (file, args, options = {}) =>
  new Promise<ExecResult>((resolve) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(file, [...args], {
        env: options.env as NodeJS.ProcessEnv | undefined,
        cwd: options.cwd,
        stdio: ["pipe", "pipe", "pipe"],
        windowsHide: true,
      });
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
    let outputCapped = false;
    let settled = false;
    const finish = (result: Omit<ExecResult, "stdout" | "stderr" | "timedOut">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, stdout, stderr, timedOut, ...(outputCapped ? { outputCapped } : {}) });
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (outputCapped) return;
      stdout += chunk;
      if (options.maxOutputChars !== undefined && stdout.length > options.maxOutputChars) {
        outputCapped = true;
        stdout = stdout.slice(0, options.maxOutputChars);
        child.kill("SIGKILL");
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
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

/** Starts a program that outlives this one; see Background.spawn in deps.ts. */
export function spawnDetached(
  file: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): number | undefined {
  try {
    const child = spawn(file, [...args], {
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: "ignore",
      windowsHide: true,
    });
    child.on("error", () => {
      // reported through the missing pid below; nothing else to do
    });
    child.unref();
    return child.pid;
  } catch {
    return undefined;
  }
}
