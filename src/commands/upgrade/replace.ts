/**
 * Puts the new binary in place of the running one without ever leaving a half-written
 * awsmfa: it is written next to the old one (same folder, so the rename cannot cross file
 * systems), made executable, checked to run, then renamed over it. Windows cannot replace a
 * running .exe but can rename it: the old one is moved aside to awsmfa.exe.old first (removed
 * by the next upgrade), and moved back if the new one cannot be put in place.
 */
import { chmod, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface Staged {
  path: string;
  remove(): Promise<void>;
}

export async function stage(selfPath: string, data: Uint8Array, pid: number): Promise<Staged> {
  const path = join(dirname(selfPath), `.awsmfa.upgrade.${pid}`);
  const remove = () => rm(path, { force: true });
  try {
    await writeFile(path, data, { mode: 0o755, flag: "wx" });
    await chmod(path, 0o755);
  } catch (error) {
    // Created and then not written whole (a full disk): ours to remove. EEXIST: not ours.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") await remove().catch(() => {});
    throw error;
  }
  return { path, remove };
}

export async function replaceSelf(selfPath: string, staged: Staged, windows: boolean) {
  if (!windows) {
    await rename(staged.path, selfPath);
    return;
  }
  const aside = `${selfPath}.old`;
  await rm(aside, { force: true });
  await rename(selfPath, aside);
  try {
    await rename(staged.path, selfPath);
  } catch (error) {
    await rename(aside, selfPath);
    throw error;
  }
}

/** What a previous upgrade on Windows left behind: the old exe, no longer running. */
export async function removeLeftover(selfPath: string): Promise<void> {
  await rm(`${selfPath}.old`, { force: true }).catch(() => {});
}

export const currentBytes = (selfPath: string) => readFile(selfPath);
