/**
 * awsmfa's cache folder as the code that reads and writes it sees it: checked first (see
 * fs/private-folder.ts for the rules and why), and refused with a message that says what is
 * wrong, which setting chose the folder, and how to fix it (exit 3). Sessions, their locks and
 * failure markers, role sessions, code windows and notify records all go through here.
 */
import { dirname, relative, sep } from "node:path";
import type { Deps } from "../deps.ts";
import type { UserError } from "../errors.ts";
import type { FolderProblem } from "../fs/folder-rules.ts";
import { currentUser } from "../fs/owner.ts";
import { checkPrivateFolder } from "../fs/private-folder.ts";
import { readOwnFile } from "../fs/read-regular.ts";
import { printableInLine } from "../system/printable.ts";
import { cacheDir } from "./paths.ts";
import { unsafeFolder } from "./unsafe-folder.ts";

export type CacheFolderDeps = Pick<
  Deps,
  "env" | "homedir" | "platform" | "fs" | "uid" | "gid" | "folderChecks"
>;

/**
 * Checks the cache folder and the levels down to `folder` (the cache folder or one inside
 * it). With `create`, missing levels are made 0700 and true is returned; without, false means
 * a level is missing (nothing is cached there). Throws when another user could change it.
 */
export async function checkCacheFolder(
  deps: CacheFolderDeps,
  folder: string,
  create: boolean,
): Promise<boolean> {
  const root = cacheDir(deps.env, deps.homedir, deps.platform);
  const inside = relative(root, folder)
    .split(sep)
    .filter((name) => name !== "");
  if (inside[0] === "..")
    throw new Error(`${printableInLine(folder)} is not inside the cache folder ${root}`);
  const user = currentUser(deps);
  const checked = await checkPrivateFolder(deps.fs, root, inside, {
    user,
    create,
    checked: deps.folderChecks,
  });
  if (checked === null) return false;
  if (!checked.ok) throw unsafeCacheFolder(checked.problem, root, deps.env);
  return true;
}

/**
 * The text of a file in the cache folder, or "" when there is none to trust: missing, or not
 * a regular file of this user that only they may write (a link, a FIFO, a device, a file
 * someone else planted), or unreadable. Never waits and never reads more than 1 MB. Throws
 * only when the folder itself is unsafe.
 */
export async function readCacheFile(deps: CacheFolderDeps, path: string): Promise<string> {
  if (!(await checkCacheFolder(deps, dirname(path), false))) return "";
  try {
    return await readOwnFile(deps.fs, path, currentUser(deps));
  } catch {
    return "";
  }
}

/** The one message for a cache folder that is not safe to use. */
export function unsafeCacheFolder(
  problem: FolderProblem,
  root: string,
  env: Deps["env"],
): UserError {
  return unsafeFolder(problem, root, {
    name: "cache folder",
    risk: "who could plant sessions there, read yours or swap the folder",
    elsewhere: chooseAnother(env),
  });
}

/** How the user moves the cache elsewhere: by the setting that chose this folder. */
function chooseAnother(env: Deps["env"]): string {
  if (env.AWSMFA_CACHE_DIR) {
    return "point AWSMFA_CACHE_DIR at a folder only you can write (or unset it: the default is in your home folder).";
  }
  if (env.XDG_CACHE_HOME) {
    return "point XDG_CACHE_HOME (or AWSMFA_CACHE_DIR) at a folder only you can write.";
  }
  return "set AWSMFA_CACHE_DIR to a folder only you can write.";
}
