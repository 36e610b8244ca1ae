/**
 * Python's os.path.expandvars on Windows (ntpath.expandvars), which the AWS CLI applies there to
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE: besides `$NAME` and `${NAME}`, `%NAME%`; a
 * name of `$NAME` may hold `-`; `$$` is `$` and `%%` is `%`; text in single quotes is copied as
 * it is. PowerShell leaves `%USERPROFILE%` as written (`$env:AWS_SHARED_CREDENTIALS_FILE =
 * '%USERPROFILE%\work\credentials'`), as does a variable set in the registry without expansion:
 * the AWS CLI reads C:\Users\me\work\credentials then, and awsmfa must read and write the same
 * file, not a folder named `%USERPROFILE%` under the current one.
 *
 * A name is looked up as Windows' os.environ looks it up, without regard to case (the
 * environment's names are upper case there: system/windows-env.ts). An unknown name stays as
 * written. One pass: a value is not expanded again.
 */
import { envValue } from "../system/env-record.ts";
import { windowsName } from "../system/windows-env.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** ntpath's varchars: the characters of a `$NAME` without braces. */
const NAME_CHAR = /[A-Za-z0-9_-]/;

export function expandWindowsVariables(path: string, env: Env): string {
  if (!path.includes("$") && !path.includes("%")) return path;
  const value = (name: string) => (name === "" ? undefined : envValue(env, windowsName(name)));
  let result = "";
  let at = 0;
  while (at < path.length) {
    const c = path[at]!;
    const next = path[at + 1];
    if (c === "'") {
      // Up to the closing quote, both quotes kept; without one, the rest as it is.
      const end = path.indexOf("'", at + 1);
      const stop = end < 0 ? path.length : end + 1;
      result += path.slice(at, stop);
      at = stop;
    } else if (c === "%" || (c === "$" && next === "{")) {
      const [open, close] = c === "%" ? ["%", "%"] : ["${", "}"];
      if (c === "%" && next === "%") {
        result += "%";
        at += 2;
        continue;
      }
      const end = path.indexOf(close, at + open.length);
      if (end < 0) {
        result += path.slice(at);
        break;
      }
      const name = path.slice(at + open.length, end);
      result += value(name) ?? `${open}${name}${close}`;
      at = end + close.length;
    } else if (c === "$" && next === "$") {
      result += "$";
      at += 2;
    } else if (c === "$") {
      let end = at + 1;
      while (end < path.length && NAME_CHAR.test(path[end]!)) end++;
      const name = path.slice(at + 1, end);
      result += value(name) ?? `$${name}`;
      at = end;
    } else {
      result += c;
      at++;
    }
  }
  return result;
}
