/**
 * Whether a file descriptor is a terminal, cheaply. node:tty costs several milliseconds to
 * load (it brings the stream classes with it), which the cached login cannot afford on every
 * run, so on Linux the answer comes from fstat: terminals are character devices with the
 * major numbers of consoles, serial lines and pseudo-terminals. Elsewhere, or for any other
 * character device (/dev/null is one), node:tty decides.
 */
import type { Stats } from "node:fs";
import { createRequire } from "node:module";

/** Linux: 3 BSD ptys, 4 consoles and serial lines, 5 /dev/tty and /dev/console, 136-143 ptys. */
const TERMINAL_MAJORS = new Set([3, 4, 5, 136, 137, 138, 139, 140, 141, 142, 143]);
/** Linux: 1 is /dev/null, /dev/zero, /dev/random... never a terminal. */
const MEMORY_MAJOR = 1;

export function isTerminal(fd: number, platform: NodeJS.Platform): boolean {
  let stat: Stats;
  try {
    // Required on first use: `prompt` asks nothing of node:fs but this (see main.ts).
    stat = (require("node:fs") as typeof import("node:fs")).fstatSync(fd);
  } catch {
    return false; // closed
  }
  if (!stat.isCharacterDevice()) return false;
  if (platform === "linux") {
    const major = linuxMajor(stat.rdev);
    if (TERMINAL_MAJORS.has(major)) return true;
    if (major === MEMORY_MAJOR) return false;
  }
  const tty = createRequire(import.meta.url)("node:tty") as typeof import("node:tty");
  return tty.isatty(fd);
}

/** glibc's gnu_dev_major, on a number (rdev fits in 53 bits in practice). */
export function linuxMajor(rdev: number): number {
  const high = Math.floor(rdev / 2 ** 32);
  return ((rdev >>> 8) & 0xfff) | (high & ~0xfff);
}
