/**
 * The one way awsmfa reads a file it did not just write: the AWS files, session cache files,
 * lock records, code windows, rc files. A FIFO there would block open() or read() for ever
 * (pressing Tab would freeze the shell), /dev/zero would never end, so the file is opened
 * without blocking, checked to be a regular file through the same handle, and read only then,
 * up to a size no real file of ours reaches.
 */
import { constants } from "node:fs";
import { dirname } from "node:path";
import type { FileSystem } from "../deps.ts";
import { pasteable as q, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { notOwnFile, type User } from "./owner.ts";

export interface ReadOptions {
  /** Refuse a symbolic link at the path itself (files in awsmfa's own cache folder). */
  noFollow?: boolean;
  /** Larger files are refused (default 64 MB). */
  maxBytes?: number;
  /** Refuse a file that is not this user's, or that others may write (awsmfa's own files). */
  owner?: User | undefined;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** What a path is, in words, for "is not a regular file" messages. */
export function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSymbolicLink(): boolean;
}): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

/** The one message for "that path is no file awsmfa will use" (readers and writers alike). */
export function notRegularFile(path: string, kind: string): UserError {
  if (kind === "a folder") {
    return new UserError(`${printableInLine(path)} is a folder, not a file.`, {
      hint: "Move the folder away, or point awsmfa at a file. Nothing was changed.",
    });
  }
  return new UserError(`${printableInLine(path)} is ${kind}, not a regular file.`, {
    hint: "Replace it with a regular file (or remove it), or point awsmfa at a regular file. Nothing was changed.",
  });
}

/**
 * The file's bytes, or null when it does not exist. On Windows a file another program holds
 * open without sharing (an antivirus, a sync tool) is busy, usually for milliseconds: retried
 * for about 2 s before the "in use by another program" error.
 */
export async function readRegular(
  fs: FileSystem,
  path: string,
  options: ReadOptions = {},
): Promise<Buffer | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readRegularOnce(fs, path, options);
    } catch (error) {
      if (errnoOf((error as Error).cause ?? error) !== "EBUSY" || attempt >= 14) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

async function readRegularOnce(
  fs: FileSystem,
  path: string,
  options: ReadOptions,
): Promise<Buffer | null> {
  const flags =
    constants.O_RDONLY |
    (constants.O_NONBLOCK ?? 0) |
    (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let handle: Awaited<ReturnType<FileSystem["open"]>> | undefined;
  try {
    handle = await fs.open(path, flags);
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegularFile(path, kindOf(stats));
    const foreign = notOwnFile(stats, options.owner);
    if (foreign) {
      throw new UserError(`${printableInLine(path)} is not awsmfa's own: ${foreign}.`, {
        hint: "Someone else may have planted it; awsmfa ignores it. Check its folder's owner and mode.",
      });
    }
    if (stats.size > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
      throw new UserError(
        `${printableInLine(path)} is ${stats.size} bytes long, too large to be ours to read.`,
        {
          hint: "Check what the file is; move it away if it is not what it should be. Nothing was changed.",
        },
      );
    }
    return await handle.readFile();
  } catch (error) {
    const code = errnoOf(error);
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    if ((code === "EACCES" || code === "EPERM") && (await folderDenied(fs, path))) {
      throw new UserError(
        `Cannot read ${printableInLine(path)}: permission denied on its folder ${printableInLine(dirname(path))}.`,
        {
          hint: `Give yourself access to the folder: chmod u+rwx ${q(dirname(path))} Nothing was changed.`,
          cause: error,
        },
      );
    }
    if (code === "ELOOP" && options.noFollow) throw notRegularFile(path, "a symbolic link");
    throw fileError(error, path, "read");
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** True when even the file's status cannot be had: the folder, not the file, is closed. */
async function folderDenied(fs: FileSystem, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return false;
  } catch (error) {
    return errnoOf(error) === "EACCES";
  }
}

/** readRegular as UTF-8 text (invalid bytes become U+FFFD: for reading, not rewriting). */
export async function readRegularText(
  fs: FileSystem,
  path: string,
  options: ReadOptions = {},
): Promise<string | null> {
  const bytes = await readRegular(fs, path, options);
  return bytes === null ? null : bytes.toString("utf8");
}

/**
 * A small file in awsmfa's own folders (cache records, code windows, notify records): never
 * through a link, never a FIFO or device, at most 1 MB, and (given `owner`) only a file of
 * this user that nobody else may write; "" when missing (callers parse it).
 */
export async function readOwnFile(
  fs: FileSystem,
  path: string,
  owner: User | undefined,
): Promise<string> {
  const bytes = await readRegular(fs, path, { noFollow: true, maxBytes: 1024 * 1024, owner });
  return bytes === null ? "" : bytes.toString("utf8");
}
