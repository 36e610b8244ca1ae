/**
 * Replaces a file so that every reader sees either the old text or the new, never a mix and
 * never nothing, even if awsmfa is killed or the machine loses power halfway: the text goes
 * to a temp file in the same folder, is flushed to disk, and is renamed over the target.
 * The file keeps its mode (and its owner, where the system allows); a new file is private.
 */
import { constants, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { platform } from "node:os";
import { dirname } from "node:path";
import type { Clock, FileSystem } from "../deps.ts";
import { refuseIfStopped, trackTemp } from "./exit-cleanup.ts";
import { errnoOf, fileError, fileInUse } from "./file-errors.ts";
import { ensureFolder, folderNotFlushed, syncFolder } from "./folder.ts";
import { identityOf, type ProcessOptions, realClock } from "./options.ts";
import { resolveWriteTarget, type WriteTarget } from "./resolve-target.ts";
import { CREATE_NEW, removeStaleTemps, tempPathFor } from "./temp-files.ts";

/** Lets tests stop a write at its most fragile moment. */
export interface WriteHooks {
  /** Called when the temp file is written and flushed, just before the rename. */
  afterTempWritten?(tempPath: string): void | Promise<void>;
}

export interface WriteOptions extends ProcessOptions {
  /** Mode of a new file (default 0600); an existing file keeps its own. */
  mode?: number;
  /** Mode of folders created on the way (default 0700). */
  dirMode?: number;
  hooks?: WriteHooks;
  clock?: Clock;
  /** Called just before the rename; if it throws, nothing is written (see HeldLock.confirm). */
  beforeRename?: () => Promise<void>;
  /**
   * Other work, run while the temp file is flushed to disk (on the thread pool): the rename
   * waits for both, and happens only if this succeeded. If it throws, the temp file is removed,
   * the file stays as it was, and its error is the write's, as thrown.
   */
  meanwhile?: () => Promise<void>;
  /**
   * A file in a folder of awsmfa's own (the cache, checked by private-folder.ts): a link at
   * its name is replaced, never followed, and the file gets `mode` and this user as owner,
   * never what was there (a planted 0666 link must not carry a secret to its target).
   */
  private?: boolean;
  /**
   * false: skip the two fsyncs (file and folder, ~1 ms each and more on a busy disk), for
   * files awsmfa can make again (the session cache). The rename stays atomic, so a killed
   * awsmfa still leaves the old file or the new one; only a power cut may leave an empty or
   * missing file, which its reader takes for no file.
   */
  durable?: boolean;
  /**
   * With `durable`: the folder's fsync after the rename, handed over instead of waited for
   * (it never rejects: best effort, as syncFolder). The caller overlaps it with work that need
   * not follow it (removing temp files, releasing locks) and waits for it before it says the
   * file is saved: the rename is durable by then, as when it is waited for here.
   */
  folderFlushed?: (flushed: Promise<void>) => void;
  /**
   * The caller holds this file's lock (lock.ts), which removed the file's stale temp files when
   * it was taken: the write does not list the folder for them again.
   */
  tempsTidied?: boolean;
  /**
   * Where the write goes, as the caller found it a moment ago under this file's lock (update.ts):
   * not looked up again, and its folder, which holds the lock, not made again.
   */
  resolved?: WriteTarget;
  /**
   * Where a one-line warning goes (stderr, from fileOptionsFrom): said when the folder's fsync
   * fails with the disk's error (EIO, EROFS), before the write is done. The write still
   * succeeds: the file holds the new text, only its survival of a power cut is in doubt.
   * `folder` is the folder it is about: fileOptionsFrom says it once per folder and run.
   */
  warn?: (line: string, folder: string) => void;
}

const onWindows = platform() === "win32";

export async function writeFileAtomic(
  fs: FileSystem,
  path: string,
  text: string,
  options: WriteOptions = {},
): Promise<void> {
  const { target, existing } =
    options.resolved ??
    (options.private ? { target: path, existing: null } : await resolveWriteTarget(fs, path));
  const me = identityOf(options);
  const clock = options.clock ?? realClock;
  if (!options.resolved) await ensureFolder(fs, dirname(target), options.dirMode ?? 0o700);
  const temp = tempPathFor(target, me);
  const mode = existing ? existing.mode & 0o7777 : (options.mode ?? 0o600);
  let handle: FileHandle | undefined;
  let made = false;
  let theirs: { error: unknown } | undefined;
  // The new file is made and flushed: an error now is about replacing the old one (an EPERM
  // then names the file, not the folder: file-errors.ts).
  let replacing = false;
  // Known to a signal's clean-up from before it exists (exit-cleanup.ts); refused after one.
  const forget = trackTemp(fs, temp);
  try {
    // Never follow or reuse something already at the temp name.
    handle = await fs.open(temp, CREATE_NEW, mode);
    made = true;
    await handle.writeFile(text, "utf8");
    if (!onWindows) {
      if (existing) await keepOwner(handle, existing);
      // open() applied the umask; the file must end up with exactly the mode it had.
      await handle.chmod(mode);
    }
    const flushed = options.durable !== false ? handle.sync() : Promise.resolve();
    if (options.meanwhile) {
      const [flush, work] = await Promise.allSettled([flushed, options.meanwhile()]);
      if (work.status === "rejected") theirs = { error: work.reason };
      if (work.status === "rejected") throw work.reason;
      if (flush.status === "rejected") throw flush.reason;
    } else {
      await flushed;
    }
    await handle.close();
    handle = undefined;
    const paused = options.hooks?.afterTempWritten?.(temp);
    if (paused) await paused;
    await options.beforeRename?.();
    replacing = true;
    await renameOver(fs, temp, target, clock);
  } catch (error) {
    await handle?.close().catch(() => {});
    const removed = await fs.rm(temp, { force: true }).then(
      () => true,
      () => false,
    );
    if (!removed && made) await emptyLeftover(fs, temp);
    if (theirs && error === theirs.error) throw error;
    // The rename and the removal refused: the folder, not the file, is what refuses
    const action = !replacing ? "write" : removed ? "replace" : "replace-in-append-only-folder";
    throw fileError(error, target, action);
  } finally {
    forget();
  }
  if (options.durable !== false) {
    const folder = dirname(target);
    const folderSynced = syncFolder(fs, folder).then((failure) => {
      if (failure) options.warn?.(folderNotFlushed(target, failure), folder);
    });
    if (options.folderFlushed) options.folderFlushed(folderSynced);
    else await folderSynced;
  }
  if (!options.tempsTidied) await removeStaleTemps(fs, target, me, clock.now());
}

/**
 * The new file when it cannot be removed (a folder that refuses removals, chattr +a, refuses
 * the rename too): it holds the whole new text, keys and session, so it is emptied rather
 * than left with them. Never through a link; our own file, made by this write.
 */
async function emptyLeftover(fs: FileSystem, temp: string): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
  await fs
    .open(temp, flags)
    .then((leftover) => leftover.close())
    .catch(() => {});
}

/**
 * A rename creates a file owned by whoever runs awsmfa. Give it back to the old file's owner
 * (and group) where allowed: this matters under sudo, and for a group the user belongs to.
 * Elsewhere the new owner is the writer, as with any editor that saves by renaming.
 */
async function keepOwner(handle: FileHandle, existing: Stats): Promise<void> {
  const fresh = await handle.stat();
  if (fresh.uid === existing.uid && fresh.gid === existing.gid) return;
  await handle.chown(existing.uid, existing.gid).catch(() => {});
}

/**
 * Windows refuses a rename while another program (an antivirus, an editor) has the target
 * open, usually for a few milliseconds; retry briefly there (about 2 s in all), then say so in
 * the words Windows users know. Elsewhere rename either works or fails for good.
 */
async function renameOver(fs: FileSystem, from: string, to: string, clock: Clock) {
  for (let attempt = 1; ; attempt++) {
    try {
      // In the same step as the rename: after a signal's clean-up, the file is not replaced.
      refuseIfStopped(fs);
      return await fs.rename(from, to);
    } catch (error) {
      const busy = ["EPERM", "EACCES", "EBUSY"].includes(errnoOf(error) ?? "");
      if (!onWindows || !busy) throw error;
      if (attempt >= 14) throw fileInUse(to, error);
      await clock.sleep(20 * attempt);
    }
  }
}
