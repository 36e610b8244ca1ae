/**
 * Role sessions are cached next to the MFA sessions (same folder, 0600 files, atomic writes),
 * one file per role and the principal that assumed it. The key names the MFA session's
 * identity (long-term key and device), not that session's own keys: a role session outlives
 * the MFA session it came from, and stays reusable after it has expired.
 */
import { join } from "node:path";
import type { ClockOffset } from "../../aws/clock-skew.ts";
import type { SessionCredentials } from "../../aws/credentials.ts";
import { writeCacheFile } from "../../config/cache-file-write.ts";
import { cacheDir } from "../../config/paths.ts";
import type { Deps } from "../../deps.ts";
import { digest128 } from "../../fs/hash.ts";
import { readCacheRecord } from "../cache.ts";
import { sessionOfRecord } from "../cache-record.ts";
import { deleteCacheRecord } from "../cache-write.ts";

const FORMAT = 1;

/** Who assumes what: enough to tell two role sessions apart, and nothing secret. */
export interface RoleKey {
  /** The key of the session that assumes the role (see mfaPrincipal, rolePrincipal). */
  principal: string;
  roleArn: string;
}

interface RoleCacheFile {
  format: number;
  kind: "role";
  roleArn: string;
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  createdAt: string;
  /** AWS's clock minus ours when AWS answered (aws/clock-skew.ts). */
  clock?: ClockOffset | undefined;
}

type CacheDeps = Pick<Deps, "env" | "homedir" | "platform" | "fs" | "uid" | "gid">;

/** The principal of an MFA session: its long-term key id and device. */
export function mfaPrincipal(longTermKeyId: string, serial: string): string {
  return digest(`mfa\n${longTermKeyId}\n${serial}`);
}

/** The principal of a role session, which may itself assume another role (chaining). */
export function rolePrincipal(
  parent: string,
  role: { roleArn: string; externalId: string | undefined; sessionName: string },
): string {
  return digest(`role\n${parent}\n${role.roleArn}\n${role.externalId ?? ""}\n${role.sessionName}`);
}

export function roleCachePath(deps: CacheDeps, key: RoleKey): string {
  const dir = cacheDir(deps.env, deps.homedir, deps.platform);
  return join(dir, "sessions", `role-${key.principal.slice(0, 40)}.json`);
}

export async function readCachedRole(
  deps: CacheDeps,
  key: RoleKey,
): Promise<SessionCredentials | undefined> {
  // Missing or damaged: not the user's problem, the role is assumed again.
  const data = await readCacheRecord<RoleCacheFile>(deps, roleCachePath(deps, key));
  if (data?.format !== FORMAT || data.kind !== "role" || data.roleArn !== key.roleArn) {
    return undefined;
  }
  return sessionOfRecord(data);
}

export async function writeCachedRole(
  deps: CacheDeps & Pick<Deps, "clock" | "processes" | "hooks">,
  key: RoleKey,
  profile: string,
  session: SessionCredentials,
): Promise<void> {
  const data: RoleCacheFile = {
    format: FORMAT,
    kind: "role",
    roleArn: key.roleArn,
    profile,
    accessKeyId: session.accessKeyId,
    secretAccessKey: session.secretAccessKey,
    sessionToken: session.sessionToken,
    expiration: session.expiration.toISOString(),
    createdAt: new Date(deps.clock.now()).toISOString(),
    ...(session.clock ? { clock: session.clock } : {}),
  };
  await writeCacheFile(deps, roleCachePath(deps, key), `${JSON.stringify(data, null, 2)}\n`);
}

/** Deletes a cached role session (logout); false when there was none. */
export function deleteCachedRole(deps: CacheDeps, key: RoleKey): Promise<boolean> {
  return deleteCacheRecord(deps, roleCachePath(deps, key));
}

function digest(text: string): string {
  return digest128(text);
}
