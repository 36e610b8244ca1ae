/**
 * The one way awsmfa changes a file: under the file's lock, read what is there NOW, apply a
 * pure edit, and write atomically only if the text changed. Reading under the lock matters:
 * an edit computed from an earlier read would undo another writer's change.
 */
import type { FileSystem } from "../deps.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { type WriteOptions, writeFileAtomic } from "./atomic-write.ts";
import { type LockOptions, withHeldLock } from "./lock.ts";
import { type ReadOptions, readRegular } from "./read-regular.ts";
import { resolveWriteTarget, type WriteTarget } from "./resolve-target.ts";

export type UpdateOptions = WriteOptions & LockOptions;

/** Writes tried while another program keeps changing the file, before giving up. */
export const MAX_ATTEMPTS = 5;

export function keepsChanging(path: string): UserError {
  return new UserError(
    `${printableInLine(path)} was changed by another program each time awsmfa was about to save it, so ` +
      "awsmfa left it as that program made it.",
    { hint: "Wait until the other program is done with the file, then try again." },
  );
}

export interface UpdateResult<Text extends string | null = string> {
  /** False when the edit returned the text unchanged and nothing was written. */
  changed: boolean;
  /** The file's text after the update (null: there is still no file). */
  text: Text;
}

/**
 * `edit` receives the current text, or null when the file does not exist (a missing file is
 * then created, even with empty text). It returns null to write nothing: with nothing to do,
 * `current ?? ""` would create an empty file where there was none. It must be pure: it may
 * run while other awsmfa processes wait for the lock, and again on a text another program
 * changed before the rename. Symbolic links are followed, as in writeFileAtomic: a linked
 * file stays a link (dotfiles) and its target is replaced.
 */
export async function updateFile<Text extends string | null>(
  fs: FileSystem,
  path: string,
  edit: (current: string | null) => Text,
  options: UpdateOptions = {},
): Promise<UpdateResult<Text>> {
  return withHeldLock(
    fs,
    path,
    async (held) => {
      const first = options.private
        ? { target: path, existing: null }
        : await resolveWriteTarget(fs, path);
      const { target } = first;
      // The first write goes where this look found, in the folder that holds the lock: the write
      // neither looks it up nor makes its folder again. A write made again (below) looks afresh.
      let resolved: WriteTarget | undefined = first;
      const read = () => readText(fs, target, { noFollow: options.private === true });
      let current = await read();
      // `meanwhile` runs with the first write only: once it succeeded it is not done again. The
      // lock folder's tidying (HeldLock.tidy, which never fails) goes with it, while the new
      // text is flushed to disk, not before the flush begins.
      const { meanwhile: theirs } = options;
      let meanwhile: (() => Promise<void>) | undefined = async () => {
        await Promise.all([held.tidy(), theirs?.()]);
      };
      for (let attempt = 1; ; attempt++) {
        const text = edit(current);
        // null: nothing to write, the file (or its absence) stays as it is.
        if (text === current || text === null) return { changed: false, text: current as Text };
        let changed = false;
        // A program that does not take the lock (aws configure set, an editor) may have
        // written the file since it was read, the longer with `meanwhile` (a login's cache
        // write): the rename would undo its change. Then the edit is made again on its text.
        // The lock's check stays the last step before the rename (HeldLock.confirm).
        const beforeRename = async () => {
          changed = (await read()) !== current;
          if (changed) throw new Error("changed since read");
          await held.confirm();
        };
        try {
          const under = { meanwhile, beforeRename, tempsTidied: true, resolved };
          await writeFileAtomic(fs, target, text, { ...options, ...under });
          return { changed: true, text };
        } catch (error) {
          if (!changed) throw error;
        }
        meanwhile = undefined;
        if (attempt >= MAX_ATTEMPTS) throw keepsChanging(target);
        current = await read();
        resolved = undefined;
      }
    },
    { ...options, tidyLater: true },
  );
}

/**
 * The file's text, or null when it does not exist. Refuses bytes that are not UTF-8: decoding
 * them would replace them with U+FFFD, and writing back would destroy the user's bytes.
 */
export async function readText(
  fs: FileSystem,
  path: string,
  options: ReadOptions = {},
): Promise<string | null> {
  const bytes = await readRegular(fs, path, options);
  if (bytes === null) return null;
  try {
    // ignoreBOM is false by default, which would drop a leading BOM; keep it byte-exact.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UserError(
      `${printableInLine(path)} is not valid UTF-8 text, so awsmfa will not rewrite it.`,
      {
        hint: "Convert it to UTF-8 (for example with iconv) and try again. Nothing was changed.",
      },
    );
  }
}
