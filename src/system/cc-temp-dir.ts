/**
 * The folder bun:ffi's cc writes its header files to, made ours before cc runs.
 *
 * Why: cc writes stdbool.h, stdarg.h, … into `<temp>/bun-cc-<uid>` (temp: BUN_TMPDIR, TMPDIR,
 * TMP, TEMP, else /tmp, the first set), a name anyone can predict. On a shared /tmp another
 * user could create that folder first, writable by all, and put a FIFO where a header goes:
 * cc's open for writing then waits for a reader for ever and `awsmfa list` hangs; or a
 * symlink at `node` there, and cc writes its headers into any folder of ours. cc reads none of
 * them (the source includes nothing), so no code comes in that way; but the wait and the
 * writes must not happen. So the folder is made here (0700) or, when it is there already,
 * taken only if it is a real folder of ours that no one else can write to: then no one but us
 * can put anything in it. Anything else: undefined, and the caller leaves cc alone (the
 * JavaScript gives the same answers).
 */
import { lstatSync, mkdirSync, statSync } from "node:fs";

/** The temp folder Bun's cc uses, by its own order of the variables. */
export function ccTempBase(env: Readonly<Record<string, string | undefined>>): string {
  return env.BUN_TMPDIR || env.TMPDIR || env.TMP || env.TEMP || "/tmp";
}

/** True when `<temp>/bun-cc-<uid>` is (now) a folder only this user can write to. */
export function ccTempDirIsOurs(env: Readonly<Record<string, string | undefined>>): boolean {
  try {
    // The process's user: /proc/self belongs to it (compileC needs /proc already)
    const uid = statSync("/proc/self").uid;
    const dir = `${ccTempBase(env)}/bun-cc-${uid}`;
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return false;
    }
    const stat = lstatSync(dir);
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
