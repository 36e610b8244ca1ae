/**
 * The devices of the session files in the cache folder, read for `list` (ListedSessions): a
 * row whose device is none of them cannot have a cached session (readCachedSession refuses a
 * file of another device), so its file name need not be worked out.
 *
 * Thousands of files are read here when the folder holds that many, so each is read with the
 * fewest steps that check what readOwnFile (fs/read-regular.ts) checks: opened without
 * following a link or blocking, a regular file of this user that others cannot write, at most
 * 1 MiB; anything else, or any error, goes through readOwnFile itself, whose answer (a file
 * it cannot read is no session of anyone) stands. readOwnFile's own steps (its retries, its
 * errors' words) cost ~25 us a file, this ~8 (docs/performance.md, "`list` with many cached
 * sessions").
 */
import { constants } from "node:fs";
import { join } from "node:path";
import type { Deps, FileSystem } from "../deps.ts";
import { currentUser, notOwnFile, type User } from "../fs/owner.ts";
import { readOwnFile } from "../fs/read-regular.ts";
import { sessionCacheDir } from "../session/cache.ts";

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
/** readOwnFile's limit. */
const MAX_BYTES = 1024 * 1024;
const SERIAL = '"serial"';

/** What the session files say: their devices, and the texts of the files read. */
export interface SessionFiles {
  devices: Set<string>;
  /** By file name, the text of each file readOwnFile would read (ListedSessions.cached). */
  texts: Map<string, string>;
}

/** The `serial` of each of the files `names` that reads as JSON (any other is no session). */
export async function sessionDevices(
  deps: Pick<Deps, "fs" | "env" | "homedir" | "platform" | "uid" | "gid">,
  names: readonly string[],
): Promise<SessionFiles> {
  const folder = sessionCacheDir(deps);
  const user = currentUser(deps);
  const devices = new Set<string>();
  const texts = new Map<string, string>();
  for (const name of names) {
    const path = join(folder, name);
    let text = await quickRead(deps.fs, path, user);
    if (text === undefined) {
      try {
        text = await readOwnFile(deps.fs, path, user);
      } catch {
        continue; // unreadable: readCachedSession finds no session in it either
      }
    }
    texts.set(name, text);
    const serial = serialOf(text);
    if (serial !== undefined) devices.add(serial);
  }
  return { devices, texts };
}

/** The file's text when it passes readOwnFile's checks; undefined to ask readOwnFile. */
async function quickRead(
  fs: FileSystem,
  path: string,
  user: User | undefined,
): Promise<string | undefined> {
  let handle: Awaited<ReturnType<FileSystem["open"]>> | undefined;
  try {
    handle = await fs.open(path, FLAGS);
    const stats = await handle.stat();
    if (!stats.isFile() || notOwnFile(stats, user) || stats.size > MAX_BYTES) return undefined;
    return await handle.readFile("utf8");
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * JSON.parse(text).serial when it is a string, else undefined, or a device that is no
 * session's (a device too many only costs a file name worked out). The files awsmfa writes
 * hold the key once, as `"serial": "..."`, and no backslash: such a text's serial is read
 * where it stands (JSON.parse of ~1 KB costs more than the read); any other goes through
 * JSON.parse. Without a backslash no string holds a quote, so `"serial"` is a whole string,
 * and followed by a colon it is a key: the top level's (JSON.parse's answer), or a nested
 * object's, or the text is no JSON (a device too many, either way).
 */
export function serialOf(text: string): string | undefined {
  const at = text.indexOf(SERIAL);
  if (at >= 0 && text.indexOf(SERIAL, at + 1) < 0 && text.indexOf("\\") < 0) {
    const start = text.indexOf('"', at + SERIAL.length) + 1;
    const between = text.slice(at + SERIAL.length, start - 1);
    const end = text.indexOf('"', start);
    // `"serial": "` (a colon, and only spaces about it), then the value up to its quote
    if (start > 0 && end > 0 && between.trim() === ":") {
      return text.slice(start, end);
    }
  }
  try {
    const data = JSON.parse(text);
    return typeof data?.serial === "string" ? data.serial : undefined;
  } catch {
    return undefined;
  }
}
