/**
 * The folder side of an atomic write: create it privately when missing, and flush its entry
 * list after a rename so that the new name survives a power cut.
 */
import type { FileSystem } from "../deps.ts";
import { printableInLine } from "../system/printable.ts";
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
 * and some file systems refuse to sync them (EINVAL and the like: normal there, nothing to
 * say); the rename has happened either way, so this never throws. It resolves to the error
 * code of a sync that the disk failed (EIO, ENOSPC, EROFS...), for the writer to warn about:
 * the file holds its new text, but a power cut could still lose the change.
 */
export async function syncFolder(fs: FileSystem, folder: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<FileSystem["open"]>> | undefined;
  try {
    handle = await fs.open(folder, "r");
  } catch {
    // Cannot open folders here (Windows), or not allowed to read this one: nothing to flush.
    return undefined;
  }
  try {
    await handle.sync();
    return undefined;
  } catch (error) {
    const code = errnoOf(error);
    if (code !== undefined && CANNOT_SYNC_FOLDERS.has(code)) return undefined;
    return code ?? "unknown error";
  } finally {
    await handle.close().catch(() => {});
  }
}

/** fsync errors that mean "this file system does not sync folders", not a failing disk. */
const CANNOT_SYNC_FOLDERS = new Set([
  "EINVAL",
  "ENOTSUP",
  "EOPNOTSUPP",
  "ENOSYS",
  "EBADF",
  "EISDIR",
]);

/**
 * The one line said when a file was replaced but its folder's fsync failed. Not an error: the
 * file already holds the new text, and failing the command would tell the user otherwise.
 */
export function folderNotFlushed(path: string, code: string): string {
  return (
    `Warning: ${printableInLine(path)} was saved, but the system could not flush its folder to disk (${printableInLine(code)}), ` +
    "so the change could be lost if the computer loses power. Check the disk (its free space and the system log), then run sync."
  );
}
