/**
 * The cached session of a role profile, found from the files alone exactly where
 * `awsmfa ROLE` would reuse it: for status and list (is there one, how long is it valid) and
 * logout (delete it, so that the role needs a login again).
 */
import type { SessionCredentials } from "../../aws/credentials.ts";
import type { AwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { deleteCachedRole, type RoleKey, readCachedRole } from "./role-cache.ts";
import { resolveRoleChain } from "./role-chain.ts";
import { planCachedRole } from "./role-session.ts";

/** The role's cache entry; undefined for a profile without role_arn, or one login refuses. */
export function roleCacheKeyOf(files: AwsFiles, profile: string, deps: Deps): RoleKey | undefined {
  try {
    const chain = resolveRoleChain(files, profile);
    return chain ? planCachedRole(files, chain, {}, deps).key : undefined;
  } catch {
    return undefined; // a role config that login refuses: nothing can have been cached for it
  }
}

export async function cachedRoleSession(
  files: AwsFiles,
  profile: string,
  deps: Deps,
): Promise<SessionCredentials | undefined> {
  const key = roleCacheKeyOf(files, profile, deps);
  return key ? readCachedRole(deps, key) : undefined;
}

/** Deletes the role's cached session; returns its access key id when there was one. */
export async function forgetCachedRole(
  files: AwsFiles,
  profile: string,
  deps: Deps,
): Promise<string | undefined> {
  const key = roleCacheKeyOf(files, profile, deps);
  if (!key) return undefined;
  const cached = await readCachedRole(deps, key);
  return (await deleteCachedRole(deps, key)) ? (cached?.accessKeyId ?? "") : undefined;
}
