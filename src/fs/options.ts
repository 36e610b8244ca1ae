/**
 * Options shared by the file-writing functions. Everything is optional so that tests can pass
 * only what they exercise; callers in the app fill them with `fileOptionsFrom(deps)`
 * (from-deps.ts) so that every write sees the real clock, pid and fault hooks.
 */
import { hostname } from "node:os";
import type { Clock } from "../deps.ts";

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

/** The kernel's own pid namespace (PROC_PID_INIT_INO): a process outside any container. */
const initialPidNamespace = "4026531836";

/**
 * This machine's name as lock files record it, from its hostname and /proc/self/ns/pid (on
 * Linux). A container that shares the host's network also shares its hostname, but sees none
 * of the host's pids: each side would take the other's live lock holders for dead and break
 * their locks at once. So a process in a pid namespace of its own names it; holders across
 * namespaces then count as on another host, whose locks go stale by age only.
 */
export function lockHostName(hostname: string, pidNamespaceLink: string | undefined): string {
  const namespace = namespaceNumber(pidNamespaceLink ?? "");
  if (namespace === undefined || namespace === initialPidNamespace) return hostname;
  return `${hostname} (pid namespace ${namespace})`;
}

/**
 * NUMBER of `pid:[NUMBER]`, as `/^pid:\[(\d+)\]$/.exec(link)?.[1]` reads it: a loop, as a
 * fresh login names its host before its call, and each regular expression compiles cold in
 * every run (docs/performance.md; tests/fs/lock-host.test.ts keeps it as the oracle).
 */
export function namespaceNumber(link: string): string | undefined {
  if (link.length < 7 || !link.startsWith("pid:[") || !link.endsWith("]")) return undefined;
  for (let i = 5; i < link.length - 1; i++) {
    const c = link.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return link.slice(5, -1);
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
