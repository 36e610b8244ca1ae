/**
 * The environment as Windows reads it: without regard to the case of a name. A variable set
 * as `$env:aws_profile = 'prod'` (or `set aws_profile=prod` in cmd.exe, which keeps the
 * spelling it was given) is AWS_PROFILE to the AWS CLI (Python's os.environ upper-cases every
 * name on Windows), to Node's and Bun's process.env and to the runtime's fetch (its proxy
 * variables). awsmfa reads each variable by its documented name (env.AWS_PROFILE, PATH,
 * HTTPS_PROXY, AWSMFA_*), so on Windows main.ts hands it the environment with every name in
 * upper case, as Python's os.environ holds it:
 * - a lookup by the documented name finds the variable however the user spelled it, and the
 *   names awsmfa reads are written in upper case (PATH, COMSPEC, PSMODULEPATH; paths.ts
 *   upper-cases a `$name` in AWS_CONFIG_FILE the same way);
 * - a copy handed to a child (exec, a code source, a key store) holds each variable once:
 *   setting AWS_ACCESS_KEY_ID replaces a user's aws_access_key_id instead of leaving a second
 *   name that differs only in case, of which the child would see one or the other.
 * - a child gets every other name spelled as awsmfa got it (childSpelling): most Windows
 *   programs look names up without regard to case, but the POSIX layers do not (Git Bash,
 *   MSYS2, Cygwin: their runtime upper-cases only PATH, TEMP, TMP, COMSPEC, SYSTEMROOT,
 *   SYSTEMDRIVE, WINDIR, PROGRAMFILES and COMMONPROGRAMFILES), so a bash or curl that
 *   `awsmfa exec` runs there would not find http_proxy, ProgramData or a user's own lower-case
 *   variable under an upper-cased name.
 *
 * Only a-z change: JavaScript's toUpperCase also rewrites other letters (ß becomes SS), which
 * would change names awsmfa never reads, and could make two of them one.
 *
 * Elsewhere than on Windows names keep their case (https_proxy and HTTPS_PROXY are two
 * variables there) and this module is not loaded.
 */

import { envRecord } from "./env-record.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** A name as the upper-case environment holds it. */
export function windowsName(name: string): string {
  return name.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/**
 * The environment with upper-case names. The runtime gives each Windows variable once (checked
 * under Wine: two spellings of one name arrive as one); if two still meet, the later wins, as in
 * Python's os.environ.
 */
export function windowsEnvironment(source: Env): Record<string, string | undefined> {
  const env = envRecord();
  for (const name of Object.keys(source)) {
    const value = source[name];
    if (value !== undefined) env[windowsName(name)] = value;
  }
  return env;
}

/**
 * The names a child gets (Deps' exec, exec's program, the notify timer): AWS_* and AWSMFA_*,
 * the names awsmfa reads and sets, in their documented upper case (every AWS tool reads them
 * so, and one the caller spelled aws_profile is replaced, not doubled); every other name as
 * `source` (the runtime's environment) spells it. Values are the child environment's own.
 */
export function childSpelling(
  source: Env,
): (env: Readonly<Record<string, string | undefined>>) => Record<string, string | undefined> {
  const spelled = new Map<string, string>();
  for (const name of Object.keys(source)) {
    if (source[name] !== undefined) spelled.set(windowsName(name), name);
  }
  return (env) => {
    // A name spelled __proto__ stays a variable (env-record.ts).
    const child = envRecord();
    for (const name of Object.keys(env)) {
      const own = /^AWS(MFA)?_/.test(name) ? undefined : spelled.get(name);
      child[own ?? name] = env[name];
    }
    return child;
  };
}
