/**
 * The session of each profile `list` shows, found as findSession (session-status.ts) finds
 * it, from the keys ProfileKeys read: the session in the credentials file, else the cached
 * one. A role profile's goes through findSession's own code, over the files indexed the
 * general way, and only when the cache folder holds role sessions at all.
 *
 * A cached session is opened only when the folder's listing has its file, and its file name
 * (a digest of key id and device) is worked out only for a profile whose device is the
 * device of a session in the folder: the files there are read first for their devices
 * (readCachedSession refuses a file of another device anyway) when they are few against the
 * profiles (READ_COST). At 100,000 profiles the digests alone took 90-150 ms.
 */
import type { SessionCredentials } from "../aws/credentials.ts";
import { type AwsFiles, type AwsTexts, awsFilesOf } from "../config/aws-files.ts";
import { checkCacheFolder } from "../config/cache-folder.ts";
import { keyState } from "../config/key-state.ts";
import type { Deps } from "../deps.ts";
import {
  readCachedSession,
  type SessionKey,
  sessionCacheDir,
  sessionCacheName,
  sessionOfCacheText,
} from "../session/cache.ts";
import { parseExpiration } from "../session/expiration.ts";
import { cachedRoleSession } from "../session/roles/cached-role-of.ts";
import { DeviceTable } from "./device-table.ts";
import type { ProfileSummary } from "./inventory.ts";
import { Key } from "./profile-keys.ts";
import { type SessionFiles, sessionDevices } from "./session-devices.ts";
import type { FoundSession } from "./session-status.ts";

/** The prefix of role session files in the cache folder (session/roles/role-cache.ts). */
const ROLE_FILE = "role-";
/**
 * How many cache file names cost as much as reading one session file for its device (at
 * 100,000 profiles ~1.35 us a name, ~18 us a file, most of it open(2) in a folder of
 * thousands): the files are read while there are this many times fewer of them than
 * profiles, else every name is worked out. The cost grows with the files up to that of the
 * names, with no step: a fixed limit of 64 files was one (at 100,000 profiles 100 -> 240 ms of
 * CPU from the 65th file).
 */
const READ_COST = 12;
/**
 * With fewer than a few thousand profiles the code runs cold, a name ~30 us and a file ~35-60
 * us, and the names are those of about half the profiles (the rows with a device): the files
 * are read while there are COLD_READ_COST times fewer of them than profiles, up to
 * READ_AHEAD_FILES (at 1,004 profiles of the bench's shape 400 files cost about what the
 * names cost, ~15 ms).
 */
const COLD_READ_COST = 2.5;
const READ_AHEAD_FILES = 400;
/**
 * With fewer profiles than this every name is worked out: a few names cost less than the
 * first run of the code that reads the files (at 994 profiles and one file the names were
 * ~16 ms of CPU, when 1,000 was this limit, more than the whole `list` at 1,004).
 */
const READ_AHEAD_PROFILES = 100;

/** What ListedSessions asks of the files read: ProfileKeys, or list-scan.ts's ScannedKeys. */
export interface SessionKeys {
  readonly size: number;
  credentialsValue(profile: number, k: number): string | undefined;
}

/**
 * Whether the session files are read for their devices before the rows are gone through:
 * when that costs less than working out the profiles' cache file names, with many profiles.
 */
export function readsAhead(profiles: number, sessionFiles: number): boolean {
  return (
    profiles >= READ_AHEAD_PROFILES &&
    (sessionFiles * READ_COST <= profiles ||
      (sessionFiles <= READ_AHEAD_FILES && sessionFiles * COLD_READ_COST <= profiles))
  );
}

export class ListedSessions {
  private files: AwsFiles | undefined;
  /** checkCacheFolder's answer for the session cache folder (asked once). */
  private folderChecked: Promise<boolean> | undefined;
  /** The devices of the cached sessions, or undefined when they were not read. */
  private readonly deviceSet: ReadonlySet<string> | undefined;
  /** The devices as a hash table (the fast table's rows), or undefined when they were not read. */
  readonly devices: DeviceTable | undefined;

  private constructor(
    private readonly keys: SessionKeys,
    private readonly texts: AwsTexts,
    private readonly deps: Deps,
    /** The names in the session cache folder (cachedSessionNames). */
    private readonly listed: ReadonlySet<string>,
    /** The session files read ahead (their devices and texts), or undefined. */
    private readonly read: SessionFiles | undefined,
    private readonly roleFiles: boolean,
  ) {
    this.deviceSet = read?.devices;
    this.devices = read && new DeviceTable([...read.devices]);
  }

  static async of(
    keys: SessionKeys,
    texts: AwsTexts,
    deps: Deps,
    listed: ReadonlySet<string>,
    /** Read the session files for their devices first (default: readsAhead's answer). */
    readAhead?: boolean,
  ): Promise<ListedSessions> {
    const names = [...listed];
    const sessions = names.filter((name) => name.endsWith(".json") && !name.startsWith(ROLE_FILE));
    const read =
      (readAhead ?? readsAhead(keys.size, sessions.length))
        ? await sessionDevices(deps, sessions)
        : undefined;
    const roleFiles = names.some((name) => name.startsWith(ROLE_FILE));
    return new ListedSessions(keys, texts, deps, listed, read, roleFiles);
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

  /** The cached session of `key`, when its file is in the folder (find's last step). */
  cached(key: SessionKey): undefined | Promise<FoundSession | undefined> {
    const name = sessionCacheName(key);
    if (!this.listed.has(name)) return undefined;
    const text = this.read?.texts.get(name);
    // Read ahead: readCachedSession's answer from that text, after its check of the folder
    // (once: each would give the same answer)
    const session =
      text === undefined
        ? readCachedSession(this.deps, key)
        : this.cacheFolder().then((ok) => (ok ? sessionOfCacheText(text, key) : undefined));
    return session.then((found) => (found ? { session: found, source: "cache" } : undefined));
  }

  /** checkCacheFolder's answer for the session cache folder, as readCacheFile asks it. */
  private cacheFolder(): Promise<boolean> {
    this.folderChecked ??= checkCacheFolder(this.deps, sessionCacheDir(this.deps), false);
    return this.folderChecked;
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
      await this.cacheFolder();
      return undefined;
    }
    this.files ??= await awsFilesOf(this.texts);
    const session = await cachedRoleSession(this.files, profile, this.deps);
    return session ? { session, source: "cache" } : undefined;
  }
}
