/**
 * The one PATH search: finds a program the way a shell would, from PATH in awsmfa's
 * environment, without running it: the first regular file with an execute bit (on Windows:
 * with an extension from PATHEXT). `awsmfa sources` must be fast and must not set off a
 * biometric prompt; the code sources run the path found here, so "available" and "used"
 * always agree; doctor and --notify look for awsmfa and notify-send with it too.
 */
import { isAbsolute, join, delimiter as posixDelimiter } from "node:path";
import { expandHome } from "../config/paths.ts";
import type { Deps } from "../deps.ts";

type FindDeps = Pick<Deps, "env" | "fs" | "platform" | "homedir">;

export async function findProgram(program: string, deps: FindDeps): Promise<string | undefined> {
  const windows = deps.platform === "win32";
  const extensions = windows ? windowsExtensions(program, deps.env) : [""];
  if (program.includes("/") || (windows && program.includes("\\"))) {
    const path = expandHome(program, deps.homedir);
    // A relative path with a slash would depend on the current folder; only absolute ones count.
    if (!isAbsolute(path)) return undefined;
    return firstExecutable([path], extensions, deps);
  }
  // On Windows too: its $env:Path, however spelled, is PATH there (system/windows-env.ts).
  const pathVar = deps.env.PATH ?? "";
  // Empty entries mean "the current folder" to a shell; a code source must not come from there.
  const folders = pathVar.split(windows ? ";" : posixDelimiter).filter((dir) => dir !== "");
  return firstExecutable(
    folders.map((dir) => join(dir, program)),
    extensions,
    deps,
  );
}

async function firstExecutable(
  candidates: readonly string[],
  extensions: readonly string[],
  deps: FindDeps,
): Promise<string | undefined> {
  for (const candidate of candidates) {
    for (const extension of extensions) {
      const path = candidate + extension;
      try {
        const stats = await deps.fs.stat(path);
        if (!stats.isFile()) continue;
        if (deps.platform === "win32" || (stats.mode & 0o111) !== 0) return path;
      } catch {
        // not there; try the next one
      }
    }
  }
  return undefined;
}

/** "op" may be op.exe or op.cmd on Windows; a name that has an extension is taken as is. */
function windowsExtensions(program: string, env: Deps["env"]): string[] {
  if (/\.[^\\/.]+$/.test(program)) return [""];
  const pathext = (env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "");
  return pathext.map((e) => e.toLowerCase());
}
