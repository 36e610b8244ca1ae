/**
 * The session of each profile `list` shows, found as findSession (session-status.ts) finds
 * it, from the keys ProfileKeys read: the session in the credentials file, else the cached
 * one. A role profile's goes through findSession's own code, over the files indexed the
 * general way, and only when the cache folder holds role sessions at all.
 *
 * A cached session is opened only when the folder's listing has its file, and its file name
 * (a digest of key id and device) is worked out only for a profile whose device is the
 * device of a session in the folder: the few files there are read first for their devices
 * (readCachedSession refuses a file of another device anyway). At 100,000 profiles the
 * digests alone took 90 ms.
 */
import { join } from "node:path";
import type { SessionCredentials } from "../aws/credentials.ts";
import { type AwsFiles, type AwsTexts, awsFilesOf } from "../config/aws-files.ts";
import { checkCacheFolder } from "../config/cache-folder.ts";
import { keyState } from "../config/key-state.ts";
import type { Deps } from "../deps.ts";
import { currentUser } from "../fs/owner.ts";
import { readOwnFile } from "../fs/read-regular.ts";
import {
  readCachedSession,
  type SessionKey,
  sessionCacheDir,
  sessionCacheName,
} from "../session/cache.ts";
import { parseExpiration } from "../session/expiration.ts";
import { cachedRoleSession } from "../session/roles/cached-role-of.ts";
import type { ProfileSummary } from "./inventory.ts";
import { Key } from "./profile-keys.ts";
import type { FoundSession } from "./session-status.ts";

/** The prefix of role session files in the cache folder (session/roles/role-cache.ts). */
const ROLE_FILE = "role-";
/** Up to this many session files are read for their devices; past it every name is worked out. */
const READ_AHEAD = 64;
/** With fewer profiles than this, working out every name costs less than reading the files. */
const READ_AHEAD_PROFILES = 1000;

/** What ListedSessions asks of the files read: ProfileKeys, or list-scan.ts's ScannedKeys. */
export interface SessionKeys {
  readonly size: number;
  credentialsValue(profile: number, k: number): string | undefined;
}

export class ListedSessions {
  private files: AwsFiles | undefined;
  private folderChecked: Promise<unknown> | undefined;
  /** The devices as a list (mayHoldAt), or undefined when they were not read. */
  readonly devices: readonly string[] | undefined;

  private constructor(
    private readonly keys: SessionKeys,
    private readonly texts: AwsTexts,
    private readonly deps: Deps,
    /** The names in the session cache folder (cachedSessionNames). */
    private readonly listed: ReadonlySet<string>,
    /** The devices of the cached sessions, or undefined when they were not read. */
    private readonly deviceSet: ReadonlySet<string> | undefined,
    private readonly roleFiles: boolean,
  ) {
    this.devices = deviceSet && [...deviceSet];
  }

  static async of(
    keys: SessionKeys,
    texts: AwsTexts,
    deps: Deps,
    listed: ReadonlySet<string>,
    /** Read the session files for their devices first (default: with many profiles). */
    readAhead = keys.size >= READ_AHEAD_PROFILES,
  ): Promise<ListedSessions> {
    const names = [...listed];
    const sessions = names.filter((name) => name.endsWith(".json") && !name.startsWith(ROLE_FILE));
    // Reading the files first pays when there are many more profiles than files.
    const devices =
      readAhead && sessions.length <= READ_AHEAD ? await devicesOf(deps, sessions) : undefined;
    const roleFiles = names.some((name) => name.startsWith(ROLE_FILE));
    return new ListedSessions(keys, texts, deps, listed, devices, roleFiles);
  }

  /**
   * findSession's answer for profile number `profile`, whose row shows its own session; a
   * promise only when a file has to be read (nearly every row is answered at once).
   */
  find(
    profile: number,
    summary: ProfileSummary,
  ): FoundSession | undefined | Promise<FoundSession | undefined> {
    if (summary.kind === "role") return this.role(summary.name);
    const inFile = this.sessionInFile(profile);
    if (inFile) return { session: inFile, source: "file" };
    const key = summary.cacheKey;
    return key && this.mayHold(key.serial) ? this.cached(key) : undefined;
  }

  /** Whether the cache folder holds anything at all. */
  get listsAny(): boolean {
    return this.listed.size > 0;
  }

  /** Whether a cached session of device `serial` may be in the folder (false: surely not). */
  mayHold(serial: string): boolean {
    return this.listed.size > 0 && (this.deviceSet === undefined || this.deviceSet.has(serial));
  }

  /**
   * mayHold(text.slice(start, end)) without the string: the fast table asks it of every row
   * (at 100,000 profiles a substring per row, hashed for the set, cost ~10 ms), and the
   * devices read ahead are few (READ_AHEAD at most).
   */
  mayHoldAt(text: string, start: number, end: number): boolean {
    if (this.listed.size === 0) return false;
    const list = this.devices;
    if (list === undefined) return true;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.length === end - start && text.startsWith(list[i]!, start)) return true;
    }
    return false;
  }

  /** The cached session of `key`, when its file is in the folder (find's last step). */
  cached(key: SessionKey): undefined | Promise<FoundSession | undefined> {
    if (!this.listed.has(sessionCacheName(key))) return undefined;
    return readCachedSession(this.deps, key).then((session) =>
      session ? { session, source: "cache" } : undefined,
    );
  }

  /** sessionInFile (session/in-file.ts): the complete session in the credentials file. */
  sessionInFile(profile: number): SessionCredentials | undefined {
    const { keys } = this;
    const accessKeyId = keys.credentialsValue(profile, Key.keyId);
    const secretAccessKey = keys.credentialsValue(profile, Key.secret);
    const sessionToken =
      keys.credentialsValue(profile, Key.token) ?? keys.credentialsValue(profile, Key.oldToken);
    if (!accessKeyId || !secretAccessKey || !sessionToken) return undefined;
    const expiration = parseExpiration(keys.credentialsValue(profile, Key.expiration));
    if (!expiration) return undefined;
    // AKIA keys with a stale token are long-term keys, not a session (see section-state.ts).
    if (keyState(accessKeyId, true) !== "session") return undefined;
    return { accessKeyId, secretAccessKey, sessionToken, expiration };
  }

  /** find's answer for a role profile. */
  async role(profile: string): Promise<FoundSession | undefined> {
    if (!this.roleFiles) {
      // No role session is cached, so none is found; but findSession would have looked for
      // one, and refused a cache folder that others can write: so is it here, once.
      this.folderChecked ??= checkCacheFolder(this.deps, sessionCacheDir(this.deps), false);
      await this.folderChecked;
      return undefined;
    }
    this.files ??= await awsFilesOf(this.texts);
    const session = await cachedRoleSession(this.files, profile, this.deps);
    return session ? { session, source: "cache" } : undefined;
  }
}

/** The `serial` of each session file that reads as JSON (any other is no session of anyone). */
async function devicesOf(deps: Deps, names: readonly string[]): Promise<Set<string>> {
  const folder = sessionCacheDir(deps);
  const devices = new Set<string>();
  for (const name of names) {
    try {
      const data = JSON.parse(await readOwnFile(deps.fs, join(folder, name), currentUser(deps)));
      if (typeof data?.serial === "string") devices.add(data.serial);
    } catch {
      // unreadable or not JSON: readCachedSession finds no session in it either
    }
  }
  return devices;
}
