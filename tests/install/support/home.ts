/**
 * Throwaway HOMEs for installer tests, a snapshot of everything in one (to prove that
 * --uninstall leaves no trace and that a refused install changed nothing), and the way the
 * tests pipe the installer into a shell: `curl -fsSL URL | SHELL -s -- ARGS`, with no
 * terminal, as CI and scripts run it.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkChildCwd } from "../../support/other-user.ts";

export interface Home {
  path: string;
  env: Record<string, string>;
  cleanup(): void;
}

export function makeHome(shell: string, extra: Record<string, string> = {}): Home {
  const path = mkdtempSync(join(tmpdir(), "awsmfa-install-home-"));
  return {
    path,
    env: {
      HOME: path,
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      SHELL: shell,
      LANG: "C.UTF-8",
      ...extra,
    },
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Every path under `dir` with its type, mode and content (hashed). */
export function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative)).sort()) {
      const path = join(relative, name);
      const full = join(dir, path);
      const stat = lstatSync(full);
      const mode = (stat.mode & 0o7777).toString(8);
      if (stat.isSymbolicLink()) entries[path] = `link ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        entries[path] = `dir ${mode}`;
        walk(path);
      } else {
        const digest = createHash("sha256").update(readFileSync(full)).digest("hex");
        entries[path] = `file ${mode} ${digest}`;
      }
    }
  };
  walk("");
  return entries;
}

export interface Piped {
  code: number;
  stdout: string;
  stderr: string;
}

const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => Bun.which(path) !== null);

/**
 * `FETCH URL | INTERPRETER -s -- ARGS` in a shell without a controlling terminal (setsid), so
 * the installer cannot ask and must behave as in CI. `fetch` is "curl" or "wget".
 */
export async function pipeInstaller(options: {
  url: string;
  interpreter: readonly string[];
  args?: readonly string[];
  env: Record<string, string>;
  fetch?: "curl" | "wget";
  /** PATH for the installer only (the fetch command keeps the normal one). */
  installerPath?: string;
  /** The working folder; required (a folder the test made) when `interpreter` changes user. */
  cwd?: string;
}): Promise<Piped> {
  checkChildCwd(options.interpreter, options.cwd);
  // Everything travels as positional parameters: $1 the URL, $2 the installer's PATH.
  const fetch = options.fetch === "wget" ? 'wget -qO- "$u"' : 'curl -fsSL "$u"';
  const path = options.installerPath === undefined ? "" : 'PATH="$p" ';
  const script = `u=$1; p=$2; shift 2; ${fetch} | ${path}"$@"`;
  const child = Bun.spawn(
    [
      ...(SETSID ? [SETSID, "-w"] : []),
      "/bin/sh",
      "-c",
      script,
      "sh",
      `${options.url}`,
      options.installerPath ?? "",
      ...options.interpreter,
      "-s",
      "--",
      ...(options.args ?? []),
    ],
    {
      env: options.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      timeout: 60_000,
    },
  );
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}
