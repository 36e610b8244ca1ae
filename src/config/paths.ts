/**
 * Where the AWS shared files and awsmfa's own cache live. Same rules as the AWS CLI and SDKs:
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE override ~/.aws/config and
 * ~/.aws/credentials, and a leading ~ means the home folder. In those two, as botocore reads
 * them (os.path.expandvars, then expanduser), `$NAME` and `${NAME}` are the environment's
 * variables too, a name that is not set staying as written (on Windows `%NAME%` as well, as
 * Python's ntpath reads it: config/windows-expand.ts): the AWS CLI finds
 * `AWS_SHARED_CREDENTIALS_FILE='$HOME/work/credentials'`, and so must awsmfa, which writes the
 * sessions the CLI then reads there.
 */
import { join, posix, win32 } from "node:path";
import { UserError } from "../errors.ts";
import { envValue } from "../system/env-record.ts";
import { printableInLine } from "../system/printable.ts";
import { expandWindowsVariables } from "./windows-expand.ts";

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

/**
 * Python's os.path.expandvars: `$NAME` and `${NAME}` (NAME of letters, digits and _) replaced
 * by the variable's value when it is set, left as written when not. One pass: a value is not
 * expanded again. On Windows, ntpath's (windows-expand.ts): `%NAME%` too, and a name looked
 * up without regard to case (`$userprofile` is USERPROFILE).
 */
export function expandVariables(path: string, env: Env, platform: NodeJS.Platform): string {
  if (platform === "win32") return expandWindowsVariables(path, env);
  if (!path.includes("$")) return path;
  return path.replace(/\$(\w+|\{[^}]*\})/g, (whole, written: string) => {
    const name = written.startsWith("{") ? written.slice(1, -1) : written;
    // Only a variable: $constructor unset is left as written, not Object's function.
    return (name === "" ? undefined : envValue(env, name)) ?? whole;
  });
}

/**
 * `~NAME/...` is NAME's home folder to botocore (expanduser), which awsmfa cannot look up
 * (no getpwnam in Node): left as it was, it named a folder `~NAME` under the current one,
 * where awsmfa read other files than the AWS CLI and `configure` created them. Refused.
 */
function refuseOtherHome(name: string, path: string): string {
  const other = /^~([^/\\]+)/.exec(path);
  if (!other) return path;
  throw new UserError(
    `${printableInLine(name)} "${printableInLine(path)}" starts with ~${other[1]}, the home folder of user ${other[1]} to the AWS CLI, which awsmfa does not look up.`,
    {
      hint: `Set ${printableInLine(name)} to the full path of the file (or $HOME/... or ~/... for your own).`,
    },
  );
}

/** `platform` only changes how a `$name` in the two variables is looked up (expandVariables). */
export function awsPaths(env: Env, homedir: string, platform: NodeJS.Platform): AwsPaths {
  // Empty, before or after its variables are expanded ('$EMPTY', an unfilled template): the
  // default file, not the file named "", which awsmfa then offered as the place to put keys
  // ("in [prod-long-term] of , or ...") and could never read or write.
  const given = (name: "AWS_CONFIG_FILE" | "AWS_SHARED_CREDENTIALS_FILE") => {
    const value = env[name];
    const path = value && refuseOtherHome(name, expandVariables(value, env, platform));
    return (path && expandHome(path, homedir)) || undefined;
  };
  return {
    config: given("AWS_CONFIG_FILE") ?? join(homedir, ".aws", "config"),
    credentials: given("AWS_SHARED_CREDENTIALS_FILE") ?? join(homedir, ".aws", "credentials"),
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
