/**
 * The lock file itself, `<target>.lock` (and the claim files of lock-remove.ts): creating one
 * with its text and looking at it. A file's text is complete from the moment its name exists:
 * the text is written to a private temp file first and then hard-linked to the name, which
 * fails if the name is taken. (A lock created empty and written afterwards can be seen empty,
 * judged by its age alone, and broken while its holder is still writing it.)
 */
import { constants } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { Clock, FileSystem } from "../deps.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { type LockSeen, parseLockRecord } from "./lock-record.ts";
import type { Identity } from "./options.ts";
import { kindOf, notRegularFile } from "./read-regular.ts";
import { CREATE_NEW, tempPathFor } from "./temp-files.ts";

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Everything the lock code needs to know about one lock and the process handling it. */
export interface LockContext {
  fs: FileSystem;
  /** The locked file: errors name it, as that is the file the user knows. */
  target: string;
  lockPath: string;
  me: Identity;
  clock: Clock;
  staleMs: number;
  /** How far a holder's `until` is believed (lock-record.ts isStale): LockOptions maxWaitMs. */
  maxHoldMs: number;
}

/** Creates `path` holding `text` unless the name is taken: true when created. */
export async function createWithText(
  lock: LockContext,
  path: string,
  text: string,
): Promise<boolean> {
  const { fs, target } = lock;
  // Named like the target's own temp files, so that one left by a killed process is removed
  // by a later write (temp-files.ts).
  const temp = tempPathFor(target, lock.me);
  try {
    await writeTemp(fs, temp, text);
  } catch (error) {
    throw fileError(error, target, "lock");
  }
  try {
    await fs.link(temp, path);
    return true;
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return false;
    // No hard links here (FAT, some network shares): create the name, then write it.
    return await createInPlace(lock, path, text);
  } finally {
    await fs.unlink(temp).catch(() => {});
  }
}

/**
 * The file is empty for a moment here, and a waiter whose clock is far ahead may remove it
 * as an old foreign file. So it is only ours if it still holds our text once written.
 */
async function createInPlace(lock: LockContext, path: string, text: string): Promise<boolean> {
  const { fs } = lock;
  let handle: FileHandle;
  try {
    handle = await fs.open(path, CREATE_NEW, 0o600);
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return false;
    throw fileError(error, lock.target, "lock");
  }
  try {
    await handle.writeFile(text, "utf8");
    await handle.close();
  } catch (error) {
    // Remove the file we made, unless it was removed meanwhile and the name is someone else's.
    const ours = await handle.stat().then(
      (stats) => stats.ino,
      () => -1,
    );
    await handle.close().catch(() => {});
    const there = await fs.lstat(path).then(
      (stats) => stats.ino,
      () => -2,
    );
    if (ours === there) await fs.unlink(path).catch(() => {});
    throw fileError(error, lock.target, "lock");
  }
  return (await lookAt(fs, path))?.text === text;
}

/** Creates the private file `path` holding `text`; on failure, no file. */
async function writeTemp(fs: FileSystem, path: string, text: string): Promise<void> {
  const handle = await fs.open(path, CREATE_NEW, 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(path, { force: true }).catch(() => {});
    throw error;
  }
}

/** A lock (or claim) file as it is now, or null when there is none. */
export async function lookAt(fs: FileSystem, path: string): Promise<LockSeen | null> {
  let handle: FileHandle | undefined;
  try {
    // Status and text through one handle, so both describe the same file.
    // Without blocking and without following a link: a FIFO or a link planted at the lock's
    // name is refused (see read-regular.ts), never waited on.
    handle = await fs.open(path, READ_FLAGS);
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegularFile(path, kindOf(stats));
    const text = await handle.readFile("utf8");
    return { record: parseLockRecord(text), text, ino: stats.ino, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return null;
    if (errnoOf(error) === "ELOOP") throw notRegularFile(path, "a symbolic link");
    throw fileError(error, path, "read");
  } finally {
    await handle?.close().catch(() => {});
  }
}
