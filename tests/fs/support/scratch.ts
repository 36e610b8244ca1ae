/** Scratch folders for file tests, removed at the end of the test run (tests/support/preload.ts). */
import { lstatSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

/** Removes every scratch folder made in this process. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A new empty folder, unique to this call. */
export function scratchDir(label = "fs"): string {
  const dir = mkdtempSync(join(tmpdir(), `awsmfa-${label}-`));
  made.push(dir);
  return dir;
}

/** Permission bits of a path (not following a final symbolic link when `link` is set). */
export function modeOf(path: string, link = false): number {
  return (link ? lstatSync(path) : statSync(path)).mode & 0o777;
}

/** Names in a folder other than the given ones: temp files and locks that were left behind. */
export function leftovers(dir: string, ...expected: string[]): string[] {
  return readdirSync(dir).filter((name) => !expected.includes(name));
}

export const isRoot = process.getuid?.() === 0;
export const onWindows = process.platform === "win32";
