/**
 * Options shared by the file-writing functions, and how to fill them from Deps. Everything is
 * optional so that tests can pass only what they exercise; callers in the app use
 * `fileOptionsFrom(deps)` so that every write sees the real clock, pid and fault hooks.
 */
import { hostname } from "node:os";
import type { Clock, Deps } from "../deps.ts";
import type { UpdateOptions } from "./update.ts";

/** Who this process is, and how to tell whether another process still runs. */
export interface ProcessOptions {
  /** This process's id, recorded in lock files and temp names (0 when unknown). */
  pid?: number;
  /** This machine's name; lock holders on other hosts cannot be checked for liveness. */
  host?: string;
  /** False only when no process with this id exists on this host. */
  isAlive?(pid: number): boolean;
}

export interface Identity {
  pid: number;
  host: string;
  isAlive: ((pid: number) => boolean) | undefined;
}

export function identityOf(options: ProcessOptions): Identity {
  return {
    pid: options.pid ?? 0,
    host: options.host ?? hostname(),
    isAlive: options.isAlive?.bind(options),
  };
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The options every app write should use: real clock, this process, test fault hooks. */
export function fileOptionsFrom(
  deps: Pick<Deps, "clock" | "processes" | "hooks">,
): UpdateOptions & { clock: Clock } {
  const { processes, hooks } = deps;
  return {
    clock: deps.clock,
    ...(processes && { pid: processes.pid, isAlive: (pid: number) => processes.isAlive(pid) }),
    ...(hooks && { hooks }),
  };
}
