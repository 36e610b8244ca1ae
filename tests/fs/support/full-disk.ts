/**
 * A real full disk: a small tmpfs mounted for the test (root only; CI runs as root), filled
 * with one file until writes fail with ENOSPC. Creating names (empty files, hard links,
 * renames) still works there, as on a real full disk; writing any byte does not.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { isRoot, onWindows, scratchDir } from "./scratch.ts";

export const canMountTmpfs = isRoot && !onWindows && process.platform === "linux";

export interface FullDisk {
  dir: string;
  /** Fills what is left of the disk with `fill`. */
  fill(): void;
  /** Frees the space again. */
  free(): void;
  unmount(): void;
}

/** Mounts the small disk at `at` (made empty: what was there is hidden), else in a scratch folder. */
export function mountSmallDisk(at?: string): FullDisk {
  const dir = at ?? join(scratchDir("full"), "disk");
  mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", dir]);
  const filler = join(dir, "fill");
  return {
    dir,
    fill() {
      const fd = openSync(filler, "a");
      const chunk = Buffer.alloc(4096, 120);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync("umount", ["-l", dir]);
    },
  };
}
