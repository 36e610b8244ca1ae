/**
 * The folder side of an atomic write: create it privately when missing, and flush its entry
 * list after a rename so that the new name survives a power cut.
 */
import type { FileSystem } from "../deps.ts";
import { errnoOf, fileError } from "./file-errors.ts";

/** Creates `folder` and any missing parents with `mode` (default 0700); existing ones stay. */
export async function ensureFolder(fs: FileSystem, folder: string, mode = 0o700): Promise<void> {
  try {
    await fs.mkdir(folder, { recursive: true, mode });
  } catch (error) {
    // mkdir reports EEXIST when a file sits where the folder should be.
    const code = errnoOf(error) === "EEXIST" ? "ENOTDIR" : undefined;
    const cause = code ? Object.assign(new Error(code), { code, cause: error }) : error;
    throw fileError(cause, folder, "create-folder");
  }
}

/**
 * fsync the folder so the rename itself is durable. Best effort: Windows cannot open folders,
 * and some file systems refuse to sync them; the rename has happened either way.
 */
export async function syncFolder(fs: FileSystem, folder: string): Promise<void> {
  let handle: Awaited<ReturnType<FileSystem["open"]>> | undefined;
  try {
    handle = await fs.open(folder, "r");
    await handle.sync();
  } catch {
    // Not supported here; nothing more we can do.
  } finally {
    await handle?.close().catch(() => {});
  }
}
