/**
 * Who else can read or change awsmfa's files: the AWS credentials (long-term keys), the
 * config (which says what runs as credential_process), the session cache, and the binary
 * itself. Group and world bits only; on Windows, folder ACLs decide and nothing is checked.
 */
import type { Stats } from "node:fs";
import { dirname, join } from "node:path";
import type { AwsFiles } from "../../config/aws-files.ts";
import { unsafeCacheFolder } from "../../config/cache-folder.ts";
import { cacheDir } from "../../config/paths.ts";
import type { Deps } from "../../deps.ts";
import { pasteable } from "../../errors.ts";
import { currentUser } from "../../fs/owner.ts";
import { checkPrivateFolder } from "../../fs/private-folder.ts";
import { type Finding, info, ok, problem } from "./finding.ts";

type PermDeps = Pick<
  Deps,
  "env" | "homedir" | "platform" | "fs" | "selfPath" | "selfCommand" | "uid" | "gid"
>;

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, "0");

async function statOf(deps: PermDeps, path: string): Promise<Stats | undefined> {
  try {
    return await deps.fs.stat(path);
  } catch {
    return undefined;
  }
}

interface Rule {
  path: string;
  what: string;
  /** Bits that must be clear. */
  forbidden: number;
  why: string;
  fix: string;
}

function judge(rule: Rule, stat: Stats): Finding {
  const mode = stat.mode & 0o777;
  if ((mode & rule.forbidden) === 0) return ok(`${rule.what} ${rule.path} (${octal(mode)})`);
  return problem(`${rule.what} ${rule.path} ${rule.why} (mode ${octal(mode)}).`, rule.fix);
}

async function check(deps: PermDeps, rule: Rule, missing?: string): Promise<Finding[]> {
  const stat = await statOf(deps, rule.path);
  if (!stat) return missing ? [info(`${rule.what} ${rule.path}: ${missing}`)] : [];
  return [judge(rule, stat)];
}

/** Session files in the cache that others could read; one finding for all of them. */
async function sessionFiles(deps: PermDeps, folder: string): Promise<Finding[]> {
  const names = await deps.fs.readdir(folder).catch(() => [] as string[]);
  const exposed: string[] = [];
  for (const name of names) {
    const stat = await statOf(deps, join(folder, name));
    if (stat?.isFile() && (stat.mode & 0o077) !== 0) exposed.push(join(folder, name));
  }
  if (exposed.length === 0) return [];
  return [
    problem(
      `${exposed.length} cached session file(s) in ${folder} can be read by other users.`,
      `chmod 600 ${exposed.map((path) => pasteable(path)).join(" ")}`,
    ),
  ];
}

/**
 * What every command would refuse about the cache folder (config/cache-folder.ts): another
 * user's folder, an open folder above it, a link of someone else's on the way. Its own mode
 * is the rule above's to report, so it is not reported twice.
 */
async function cacheFolderOwners(deps: PermDeps, cache: string): Promise<Finding[]> {
  const user = currentUser(deps);
  const checked = await checkPrivateFolder(deps.fs, cache, ["sessions"], {
    user,
    create: false,
  }).catch(() => null);
  if (checked === null || checked.ok) return [];
  const { problem: found } = checked;
  if (found.place === "folder" && found.what === "writable") return [];
  const error = unsafeCacheFolder(found, cache, deps.env);
  return [problem(error.message, error.hint?.split("\n")[0])];
}

export async function checkPermissions(files: AwsFiles, deps: PermDeps): Promise<Finding[]> {
  if (deps.platform === "win32") return [info("File permissions are not checked on Windows.")];
  const cache = cacheDir(deps.env, deps.homedir, deps.platform);
  const awsFolder = dirname(files.paths.credentials);
  const findings = [
    ...(await check(deps, {
      path: awsFolder,
      what: "AWS folder",
      forbidden: 0o022,
      why: "can be changed by other users, who could replace your config",
      fix: `chmod 700 ${pasteable(awsFolder)}`,
    })),
    ...(await check(
      deps,
      {
        path: files.paths.credentials,
        what: "Credentials",
        forbidden: 0o077,
        why: "can be read or changed by other users: your long-term keys are exposed",
        fix: `chmod 600 ${pasteable(files.paths.credentials)}`,
      },
      "not found",
    )),
    ...(await check(
      deps,
      {
        path: files.paths.config,
        what: "Config",
        forbidden: 0o022,
        why: "can be changed by other users (it names programs that run as you)",
        fix: `chmod go-w ${pasteable(files.paths.config)}`,
      },
      "not found",
    )),
    ...(await check(
      deps,
      {
        path: cache,
        what: "Cache folder",
        forbidden: 0o077,
        why: "is open to other users, and it holds your sessions",
        fix: `chmod 700 ${pasteable(cache)}`,
      },
      "not created yet (no login so far)",
    )),
    ...(await cacheFolderOwners(deps, cache)),
    ...(await sessionFiles(deps, join(cache, "sessions"))),
  ];
  // The compiled binary: whoever can replace it runs code as you at your next login.
  if (deps.selfCommand.length === 1) {
    for (const [path, what] of [
      [deps.selfPath, "Program"],
      [dirname(deps.selfPath), "Program folder"],
    ] as const) {
      const stat = await statOf(deps, path);
      // A sticky, world-writable folder (/tmp) lets nobody replace another user's file.
      if (!stat || (stat.isDirectory() && (stat.mode & 0o1000) !== 0)) continue;
      if ((stat.mode & 0o022) !== 0) {
        findings.push(
          problem(
            `${what} ${path} can be changed by other users, who could replace awsmfa (mode ${octal(stat.mode)}).`,
            `chmod go-w ${pasteable(path)}`,
          ),
        );
      }
    }
  }
  return findings;
}
