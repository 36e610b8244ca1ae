/**
 * Where a write to `path` must really go. Dotfile managers (stow, chezmoi, home-manager) make
 * ~/.aws/credentials a symbolic link; replacing the link with a regular file would silently
 * detach it from the user's dotfiles. So writes follow the link chain to the final target and
 * replace that, and the links stay as they are.
 */
import type { Stats } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { FileSystem } from "../deps.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { kindOf, notRegularFile } from "./read-regular.ts";

/** Linux gives up after 40 links too (ELOOP). */
const maxLinks = 40;

export interface WriteTarget {
  /** The file to replace: `path` itself, or the end of its symbolic-link chain. */
  target: string;
  /** The target's current status, or null when it does not exist yet (new file, dangling link). */
  existing: Stats | null;
}

export async function resolveWriteTarget(fs: FileSystem, path: string): Promise<WriteTarget> {
  let current = path;
  for (let links = 0; links <= maxLinks; links++) {
    let stats: Stats;
    try {
      stats = await fs.lstat(current);
    } catch (error) {
      if (errnoOf(error) === "ENOENT") return { target: current, existing: null };
      throw fileError(error, current, "read");
    }
    if (stats.isFile()) return { target: current, existing: stats };
    // A folder, device, pipe or socket: replacing it with a regular file would break something.
    if (!stats.isSymbolicLink()) throw notRegularFile(path, kindOf(stats));
    const link = await fs.readlink(current);
    // A relative link is relative to the folder that holds the link, not to our working folder.
    current = isAbsolute(link) ? link : join(dirname(current), link);
  }
  throw fileError(Object.assign(new Error("ELOOP"), { code: "ELOOP" }), path, "write");
}
