/**
 * A home for one generated case of `list`'s property tests (agreement.test.ts,
 * fast-table.test.ts): the two AWS files written, and sessions cached where login would have
 * put them, as the general readers find them. `cached[i % length]` says what profile i gets:
 * 0 an expired session, 1-2 one valid for 2-3 hours, 3 or more none.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readAwsFiles } from "../../../src/config/aws-files.ts";
import { cacheKeyOf } from "../../../src/profiles/forget-cached.ts";
import { summarizeProfiles } from "../../../src/profiles/inventory.ts";
import { writeCachedSession } from "../../../src/session/cache-write.ts";
import { roleCacheKeyOf } from "../../../src/session/roles/cached-role-of.ts";
import { writeCachedRole } from "../../../src/session/roles/role-cache.ts";
import { TEST_NOW, testDeps } from "../../support/test-deps.ts";

export interface ListFiles {
  config: string;
  credentials: string;
  cached: readonly number[];
}

export async function listWorld(home: string, files: ListFiles) {
  mkdirSync(join(home, ".aws"), { recursive: true });
  const env = {
    AWS_CONFIG_FILE: join(home, ".aws", "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, ".aws", "credentials"),
    AWSMFA_CACHE_DIR: join(home, "cache"),
  };
  writeFileSync(env.AWS_CONFIG_FILE, files.config);
  writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, files.credentials);
  const { deps } = testDeps({ env, homedir: home });
  const read = await readAwsFiles(deps);
  for (const [i, summary] of summarizeProfiles(read).entries()) {
    const choice = files.cached[i % files.cached.length]!;
    if (choice >= 3) continue;
    const session = {
      accessKeyId: "ASIACACHEDCACHEDCACH",
      secretAccessKey: "s",
      sessionToken: "t",
      expiration: new Date(TEST_NOW + (choice === 0 ? -60_000 : 3_600_000 * (choice + 1))),
    };
    const roleKey = roleCacheKeyOf(read, summary.name, deps);
    if (roleKey) await writeCachedRole(deps, roleKey, summary.name, session);
    const key = cacheKeyOf(read, summary.name);
    if (key) await writeCachedSession(deps, key, session);
  }
  return { env, home };
}
