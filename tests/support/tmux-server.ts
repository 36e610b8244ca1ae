/**
 * The tmux side of the harness: running tmux commands against one session's server, and the
 * watchdog that ends a server its test has abandoned.
 */
import { spawnSync } from "node:child_process";

let available: boolean | undefined;

export function tmuxAvailable(): boolean {
  available ??= spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;
  return available;
}

/**
 * A shell loop, run by the tmux server itself, that ends the server once the test process is
 * gone (a test that timed out or crashed never calls close(); bun test fires no exit events)
 * or once close() has removed the socket.
 */
export function watchdog(socketPath: string): string {
  const tmuxPath = Bun.which("tmux") ?? "tmux";
  return [
    `while [ -S '${socketPath}' ] && kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `'${tmuxPath}' -S '${socketPath}' kill-server >/dev/null 2>&1`,
    `rm -f '${socketPath}'`,
  ].join("; ");
}

export async function tmux(socket: string, args: string[], env?: Record<string, string>) {
  const proc = Bun.spawn(["tmux", "-u", "-L", socket, ...args], {
    env: env ?? { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  if (code !== 0) throw new Error(`tmux ${args[0]} failed (${code}): ${stderr.trim()}`);
  return stdout;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
