/**
 * Where the AWS shared files and awsmfa's own cache live. Same rules as the AWS CLI and SDKs:
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE override ~/.aws/config and
 * ~/.aws/credentials, and a leading ~ means the home folder.
 */
import { join, posix, win32 } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

export interface AwsPaths {
  config: string;
  credentials: string;
}

export function expandHome(path: string, homedir: string): string {
  if (path === "~") return homedir;
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homedir, path.slice(2));
  return path;
}

export function awsPaths(env: Env, homedir: string): AwsPaths {
  return {
    config: expandHome(env.AWS_CONFIG_FILE || join(homedir, ".aws", "config"), homedir),
    credentials: expandHome(
      env.AWS_SHARED_CREDENTIALS_FILE || join(homedir, ".aws", "credentials"),
      homedir,
    ),
  };
}

/**
 * awsmfa's cache folder: $XDG_CACHE_HOME/awsmfa, else ~/.cache/awsmfa; ~/Library/Caches/awsmfa
 * on macOS and %LOCALAPPDATA%\awsmfa on Windows. AWSMFA_CACHE_DIR overrides all of them.
 * A relative XDG_CACHE_HOME is ignored, as the XDG spec says: it would put sessions in
 * whatever folder awsmfa happens to run in.
 */
export function cacheDir(env: Env, homedir: string, platform: NodeJS.Platform): string {
  if (env.AWSMFA_CACHE_DIR) return expandHome(env.AWSMFA_CACHE_DIR, homedir);
  const absolute = platform === "win32" ? win32.isAbsolute : posix.isAbsolute;
  if (env.XDG_CACHE_HOME && absolute(env.XDG_CACHE_HOME)) {
    return join(env.XDG_CACHE_HOME, "awsmfa");
  }
  if (platform === "darwin") return join(homedir, "Library", "Caches", "awsmfa");
  if (platform === "win32" && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, "awsmfa");
  return join(homedir, ".cache", "awsmfa");
}
