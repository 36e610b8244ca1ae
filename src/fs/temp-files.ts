/**
 * Names of the temp files an atomic write creates next to its target, and the clean-up of
 * ones left behind by a process that was killed between writing and renaming them.
 *
 * A name is `.<file>.<host tag>-<pid>-<random>.awsmfa-tmp`: hidden, unique per process and
 * attempt, and telling which process on which host wrote it, so that a later write can see
 * that its writer is gone. Temp files may hold secrets, so they are not left lying around.
 */

import { constants } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { FileSystem } from "../deps.ts";
import { randomHex, sha256Hex } from "../system/hashes.ts";
import type { Identity } from "./options.ts";

const suffix = ".awsmfa-tmp";

/**
 * How every temp, lock and claim file is created: a new file or nothing. O_EXCL already
 * refuses a link at the name; O_NOFOLLOW says so again where the system has it.
 */
export const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
/** Older than this, a temp file is abandoned whoever wrote it: a write takes milliseconds. */
export const staleTempMs = 10 * 60 * 1000;

/** The host part of temp names: worked out once per host name (a process has one). */
export function hostTag(host: string): string {
  if (host !== lastHost) {
    lastTag = sha256Hex(host).slice(0, 8);
    lastHost = host;
  }
  return lastTag;
}

let lastHost: string | undefined;
let lastTag = "";

export function tempPathFor(target: string, me: Identity): string {
  const unique = randomHex(6);
  return join(
    dirname(target),
    `.${basename(target)}.${hostTag(me.host)}-${me.pid}-${unique}${suffix}`,
  );
}

interface TempName {
  hostTag: string;
  pid: number;
}

/** The writer of `name` if it is a temp file of `target`, else null. */
export function parseTempName(name: string, target: string): TempName | null {
  const prefix = `.${basename(target)}.`;
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return null;
  return writerOf(name.slice(prefix.length, name.length - suffix.length));
}

/**
 * `<host tag>-<pid>-<random>`, as /^([0-9a-f]{8})-(\d+)-[0-9a-f]+$/ reads it, in a loop: the
 * expression was the one awsmfa compiled after AWS answered (the credentials lock's tidy finds
 * the login's own temp file), ~0.03 ms cold (tests/fs/temp-files.test.ts keeps it as the oracle).
 */
function writerOf(middle: string): TempName | null {
  const dash = 8;
  if (middle.length <= dash || middle.charCodeAt(dash) !== DASH) return null;
  for (let i = 0; i < dash; i++) if (!isLowerHex(middle.charCodeAt(i))) return null;
  let end = dash + 1;
  while (end < middle.length && isDigit(middle.charCodeAt(end))) end++;
  if (end === dash + 1 || middle.charCodeAt(end) !== DASH || end + 1 >= middle.length) return null;
  for (let i = end + 1; i < middle.length; i++) if (!isLowerHex(middle.charCodeAt(i))) return null;
  return { hostTag: middle.slice(0, dash), pid: Number(middle.slice(dash + 1, end)) };
}

const DASH = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLowerHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66);
}

/**
 * Removes temp files of `target` whose writer is certainly done: it is gone from this host, or
 * the file is older than staleTempMs. Best effort: a failure here never fails the write.
 */
export async function removeStaleTemps(
  fs: FileSystem,
  target: string,
  me: Identity,
  now: number,
): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(dirname(target));
  } catch {
    return [];
  }
  return await removeStaleTempsAmong(fs, target, me, now, names);
}

/**
 * removeStaleTemps over a listing of the target's folder the caller made (a lock's look at its
 * folder, lock.ts): one listing for the lock's claims and the file's temps.
 */
export async function removeStaleTempsAmong(
  fs: FileSystem,
  target: string,
  me: Identity,
  now: number,
  names: readonly string[],
): Promise<string[]> {
  const removed: string[] = [];
  const myTag = hostTag(me.host);
  for (const name of names) {
    const writer = parseTempName(name, target);
    if (writer === null) continue;
    const path = join(dirname(target), name);
    try {
      const writerGone =
        writer.hostTag === myTag &&
        writer.pid > 0 &&
        writer.pid !== me.pid &&
        me.isAlive?.(writer.pid) === false;
      const old = now - (await fs.lstat(path)).mtimeMs > staleTempMs;
      if (writerGone || old) {
        await fs.unlink(path);
        removed.push(path);
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
