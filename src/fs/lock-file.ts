/**
 * The lock file itself, `<target>.lock`: taking it and looking at it. Its text is complete
 * from the moment its name exists: the record is written to a private temp file first and
 * then hard-linked to the lock's name, which fails if the name is taken. (A lock created
 * empty and written afterwards can be seen empty, judged by its age alone, and broken while
 * its holder is still writing it.)
 */
import type { FileHandle } from "node:fs/promises";
import type { FileSystem } from "../deps.ts";
import { errnoOf, fileError } from "./file-errors.ts";
import { type LockSeen, parseLockRecord } from "./lock-record.ts";
import type { Identity } from "./options.ts";
import { tempPathFor } from "./temp-files.ts";

/**
 * Takes the lock of `target` with `text` unless someone holds it: true when taken. Errors
 * name the target: that is the file the user knows and may have to fix.
 */
export async function createLockFile(
  fs: FileSystem,
  target: string,
  text: string,
  me: Identity,
): Promise<boolean> {
  // Named like the target's own temp files, so that one left by a killed process is removed
  // by a later write (temp-files.ts).
  const temp = tempPathFor(target, me);
  try {
    await writeTemp(fs, temp, text);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw fileError(error, target, "lock");
  }
  try {
    await fs.link(temp, `${target}.lock`);
    return true;
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return false;
    // No hard links here (FAT, some network shares): create the name, then write it.
    return await createInPlace(fs, target, text);
  } finally {
    await fs.unlink(temp).catch(() => {});
  }
}

/**
 * The lock is empty for a moment here, and a waiter whose clock is far ahead may break it as
 * an old foreign lock. So it is only ours if it still holds our text once written.
 */
async function createInPlace(fs: FileSystem, target: string, text: string): Promise<boolean> {
  const lockPath = `${target}.lock`;
  let handle: FileHandle;
  try {
    handle = await fs.open(lockPath, "wx", 0o600);
  } catch (error) {
    if (errnoOf(error) === "EEXIST") return false;
    throw fileError(error, target, "lock");
  }
  try {
    await handle.writeFile(text, "utf8");
    await handle.close();
  } catch (error) {
    // Remove the file we made, unless it was broken meanwhile and the name is someone else's.
    const ours = await handle.stat().then(
      (stats) => stats.ino,
      () => -1,
    );
    await handle.close().catch(() => {});
    const there = await fs.lstat(lockPath).then(
      (stats) => stats.ino,
      () => -2,
    );
    if (ours === there) await fs.unlink(lockPath).catch(() => {});
    throw fileError(error, target, "lock");
  }
  return (await lookAtLock(fs, lockPath))?.text === text;
}

/** Creates the private file `path` holding `text`; on failure, no file. */
async function writeTemp(fs: FileSystem, path: string, text: string): Promise<void> {
  const handle = await fs.open(path, "wx", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(path, { force: true }).catch(() => {});
    throw error;
  }
}

/** The lock file as it is now, or null when there is none. */
export async function lookAtLock(fs: FileSystem, lockPath: string): Promise<LockSeen | null> {
  let handle: FileHandle | undefined;
  try {
    // Status and text through one handle, so both describe the same file.
    handle = await fs.open(lockPath, "r");
    const stats = await handle.stat();
    const text = await handle.readFile("utf8");
    return { record: parseLockRecord(text), text, ino: stats.ino, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return null;
    throw fileError(error, lockPath, "read");
  } finally {
    await handle?.close().catch(() => {});
  }
}
