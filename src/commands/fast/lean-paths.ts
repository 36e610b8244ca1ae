/**
 * config/paths.ts's awsPaths and cacheDir for the lean tier (POSIX only), without node:path,
 * which costs a cached login ~0.5 ms to load. For paths already in normal form, path.join is
 * joining with "/"; a path that join would change (a trailing slash, `//`, `.` or `..`, the
 * root itself) falls through. tests/commands/fast/lean-paths.test.ts compares the two.
 */
import type { AwsPaths } from "../../config/paths.ts";
import { FallThrough } from "./fall-through.ts";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Names join() leaves as they are: none empty, `.` or `..`, no backslash (a separator for
 * join on Windows, and in `~\\`). Not a regular expression: compiling one costs more here.
 */
function normalNames(path: string, from: number): boolean {
  for (const name of path.slice(from).split("/")) {
    if (name === "" || name === "." || name === ".." || name.includes("\\")) return false;
  }
  return true;
}

/** join(folder, rest) for an absolute folder in normal form. */
function under(folder: string, rest: string): string {
  if (!folder.startsWith("/") || !normalNames(folder, 1)) {
    throw new FallThrough(`a path to normalise: ${folder}`);
  }
  return `${folder}/${rest}`;
}

/** expandHome: `~` and `~/rest` are the home folder's; any other path is used as it is. */
function expandHome(path: string, homedir: string): string {
  if (path === "~") return homedir;
  if (!path.startsWith("~/") && !path.startsWith("~\\")) return path;
  const rest = path.slice(2);
  if (!normalNames(rest, 0)) throw new FallThrough(`a path to normalise: ${path}`);
  return under(homedir, rest);
}

/**
 * A path to expand variables in (`$HOME/...`, as botocore does: config/paths.ts) falls through,
 * as does another user's `~NAME/...` (config/paths.ts refuses it).
 */
function noVariables(path: string): string {
  if (path.includes("$")) throw new FallThrough(`variables to expand: ${path}`);
  // Not /^~[^/\\]/: the lean tier compiles no regular expression (tests/e2e/lean-no-regex).
  if (path.length > 1 && path[0] === "~" && path[1] !== "/" && path[1] !== "\\") {
    throw new FallThrough(`another user's home: ${path}`);
  }
  return path;
}

export function leanAwsPaths(env: Env, homedir: string): AwsPaths {
  return {
    config: expandHome(noVariables(env.AWS_CONFIG_FILE || under(homedir, ".aws/config")), homedir),
    credentials: expandHome(
      noVariables(env.AWS_SHARED_CREDENTIALS_FILE || under(homedir, ".aws/credentials")),
      homedir,
    ),
  };
}

export function leanCacheDir(env: Env, homedir: string, platform: NodeJS.Platform): string {
  if (platform === "win32") throw new FallThrough("Windows paths");
  if (env.AWSMFA_CACHE_DIR) return expandHome(env.AWSMFA_CACHE_DIR, homedir);
  if (env.XDG_CACHE_HOME?.startsWith("/")) return under(env.XDG_CACHE_HOME, "awsmfa");
  if (platform === "darwin") return under(homedir, "Library/Caches/awsmfa");
  return under(homedir, ".cache/awsmfa");
}
