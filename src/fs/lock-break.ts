/**
 * Breaking a stale lock without breaking a fresh one. Two waiters may judge the same lock
 * stale; if both simply deleted it, the slower one could delete the lock the faster one has
 * just taken, and two writers would run at once. So a breaker first moves the lock aside
 * (only one mover can win), checks that what it moved is the lock it judged, and puts back
 * anything else.
 */
import { randomBytes } from "node:crypto";
import type { FileSystem } from "../deps.ts";
import { errnoOf, fileError } from "./file-errors.ts";

export interface JudgedLock {
  text: string;
  ino: number;
}

export async function breakLock(
  fs: FileSystem,
  lockPath: string,
  judged: JudgedLock,
): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return; // Someone else broke or released it first.
    throw fileError(error, lockPath, "lock");
  }
  try {
    if (await isSameLock(fs, aside, judged)) return;
    // We moved a lock that was taken after we looked: put it back, unless yet another
    // process has taken the name meanwhile (then the lock we moved is lost, and its holder
    // will find at release that it no longer owns the name; nothing better is possible).
    await fs.link(aside, lockPath).catch(async (error) => {
      if (errnoOf(error) !== "EEXIST") await fs.rename(aside, lockPath);
    });
  } finally {
    await fs.rm(aside, { force: true }).catch(() => {});
  }
}

async function isSameLock(fs: FileSystem, path: string, judged: JudgedLock): Promise<boolean> {
  const [stats, text] = [await fs.stat(path), await fs.readFile(path, "utf8")];
  return stats.ino === judged.ino && text === judged.text;
}
