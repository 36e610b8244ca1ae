/**
 * Runs scripts in real, installed shells (non-interactively, without any rc files), for tests
 * that check generated shell code where it matters: in the shells themselves.
 */
import { spawn } from "node:child_process";
import type { ExportFormat } from "../../src/shell/index.ts";
import { pwshPath } from "./pwsh.ts";

export interface RealShell {
  /** A label for test names: "bash", "zsh (rcquotes)", "dash"... */
  label: string;
  /** The program, found on PATH, or null when it is not installed. */
  path: string | null;
  /** The format whose code this shell reads. */
  format: ExportFormat;
  /** Arguments that make the shell run `file` with no start-up files. */
  args(file: string): string[];
  /** Code put before the script, e.g. options that must not change the meaning of quotes. */
  prelude: string;
  /** Code that writes the exported environment to `file` as `env -0` does. */
  dumpEnv(file: string): string;
}

// The dump bypasses the shell's own output so no shell re-encodes it; `file` is a plain path.
const envDump = (file: string) => `/usr/bin/env -0 > '${file}'`;

/** Every shell the quoting is checked in. Missing ones have path null; tests skip them. */
export function realShells(): RealShell[] {
  const which = (name: string) => Bun.which(name);
  return [
    {
      label: "bash",
      path: which("bash"),
      format: "sh",
      args: (f) => ["--norc", "--noprofile", f],
      prelude: "",
      dumpEnv: envDump,
    },
    {
      label: "bash --posix",
      path: which("bash"),
      format: "sh",
      args: (f) => ["--posix", "--norc", "--noprofile", f],
      prelude: "",
      dumpEnv: envDump,
    },
    {
      label: "zsh",
      path: which("zsh"),
      format: "sh",
      args: (f) => ["-f", f],
      prelude: "",
      dumpEnv: envDump,
    },
    {
      label: "zsh (rcquotes, shwordsplit, kshglob)",
      path: which("zsh"),
      format: "sh",
      args: (f) => ["-f", f],
      prelude: "setopt rcquotes shwordsplit kshglob extendedglob",
      dumpEnv: envDump,
    },
    {
      label: "dash",
      path: which("dash"),
      format: "sh",
      args: (f) => [f],
      prelude: "",
      dumpEnv: envDump,
    },
    {
      label: "fish",
      path: which("fish"),
      format: "fish",
      args: (f) => ["--no-config", f],
      prelude: "",
      dumpEnv: envDump,
    },
    {
      label: "pwsh",
      path: pwshPath(),
      format: "powershell",
      args: (f) => ["-NoProfile", "-NonInteractive", "-File", f],
      prelude: "",
      dumpEnv: (file) => `& /bin/sh -c 'env -0 > "$1"' sh '${file}'`,
    },
  ];
}

export interface ScriptResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `file` in `shell` with exactly `env` as its environment, in the folder `cwd` (a
 * throwaway one: should quoting break, stray redirections land there, not in the repository).
 */
export function runShellFile(
  shell: RealShell,
  file: string,
  env: Record<string, string>,
  cwd: string,
): Promise<ScriptResult> {
  if (shell.path === null) throw new Error(`${shell.label} is not installed`);
  const child = spawn(shell.path, shell.args(file), {
    env,
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}

/** Parses the output of `env -0`: NUL-terminated NAME=value entries. */
export function parseEnvDump(dump: Buffer): Map<string, string> {
  const vars = new Map<string, string>();
  for (const entry of dump.toString("utf8").split("\0")) {
    const equals = entry.indexOf("=");
    if (equals > 0) vars.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return vars;
}
