/**
 * Whether this process is in the foreground process group of its terminal. Ctrl-C sends SIGINT
 * to that whole group, so a child started there has already received it: forwarding it again
 * would deliver it twice (terraform takes a second SIGINT as "abort now"). A SIGINT that
 * arrives any other way (`kill -INT`, a supervisor) is forwarded.
 */
import { readFileSync } from "node:fs";
import { childProcess } from "./spawn-child.ts";

/** From /proc/self/stat (Linux): the process group equals the terminal's foreground group. */
export function foregroundFromProcStat(text: string): boolean | undefined {
  // The command name (field 2) is in parentheses and may contain anything, even ") ".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const pgrp = Number(fields[2]);
  const tpgid = Number(fields[5]);
  if (!Number.isInteger(pgrp) || !Number.isInteger(tpgid)) return undefined;
  return tpgid > 0 && tpgid === pgrp;
}

/** From `ps -o stat=` (macOS, BSD): a "+" marks the foreground process group. */
export function foregroundFromPsStat(text: string): boolean | undefined {
  const stat = text.trim();
  return stat === "" ? undefined : stat.includes("+");
}

/** Asked when a signal arrives, not before: the job may have been moved with Ctrl-Z and bg. */
export function inTerminalForeground(platform: NodeJS.Platform, pid: number): boolean {
  try {
    if (platform === "linux") {
      return foregroundFromProcStat(readFileSync("/proc/self/stat", "utf8")) ?? false;
    }
    const stat = childProcess().execFileSync("ps", ["-o", "stat=", "-p", String(pid)], {
      encoding: "utf8",
      timeout: 2000,
      stdio: ["ignore", "pipe", "ignore"],
    });
    return foregroundFromPsStat(stat) ?? false;
  } catch {
    // Unknown: forward. A doubled SIGINT is better than a lost one.
    return false;
  }
}
