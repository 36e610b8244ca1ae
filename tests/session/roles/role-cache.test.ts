/** The role cache: keys that tell role sessions apart, and files that round-trip safely. */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  mfaPrincipal,
  readCachedRole,
  roleCachePath,
  rolePrincipal,
  writeCachedRole,
} from "../../../src/session/roles/role-cache.ts";
import { testDeps } from "../../support/test-deps.ts";
import { ADMIN } from "./support.ts";

const home = mkdtempSync(join(tmpdir(), "awsmfa-role-cache-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const { deps } = testDeps({
  env: { AWSMFA_CACHE_DIR: join(home, "cache") },
  homedir: home,
  clock: { now: () => Date.parse("2030-01-01T00:00:00Z"), sleep: async () => {} },
});
const session = {
  accessKeyId: "ASIAROLE000000000000",
  secretAccessKey: "s",
  sessionToken: "t",
  expiration: new Date("2030-01-01T01:00:00Z"),
};

describe("role cache keys", () => {
  const base = mfaPrincipal("AKIAEXAMPLE000000000", "arn:aws:iam::123456789012:mfa/alice");
  const role = { roleArn: ADMIN, externalId: undefined, sessionName: "awsmfa-alice" };

  test("differ by everything that makes another role session", () => {
    const keys = [
      rolePrincipal(base, role),
      rolePrincipal(base, { ...role, roleArn: "arn:aws:iam::123456789012:role/other" }),
      rolePrincipal(base, { ...role, externalId: "x1" }),
      rolePrincipal(base, { ...role, sessionName: "other" }),
      rolePrincipal(mfaPrincipal("AKIAOTHER00000000000", "arn:aws:iam::1:mfa/a"), role),
      rolePrincipal(rolePrincipal(base, role), role),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("hold no secret and no key id in the clear", () => {
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(roleCachePath(deps, { principal: base, roleArn: ADMIN })).toBe(
      join(home, "cache", "sessions", `role-${base.slice(0, 40)}.json`),
    );
  });
});

describe("role cache files", () => {
  const key = { principal: mfaPrincipal("AKIA1", "GAHT1"), roleArn: ADMIN };

  test("written 0600 in a 0700 folder, read back", async () => {
    await writeCachedRole(deps, key, "prod-admin", session);
    expect(await readCachedRole(deps, key)).toEqual(session);
    const path = roleCachePath(deps, key);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, "cache", "sessions")).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(home, "cache", "sessions")).filter((f) => f.includes(".tmp"))).toEqual(
      [],
    );
  });

  test("another role ARN under the same name is not answered", async () => {
    await writeCachedRole(deps, key, "prod-admin", session);
    expect(await readCachedRole(deps, { ...key, roleArn: `${ADMIN}2` })).toBeUndefined();
  });

  test.each(["{not json", "{}", '{"format":1,"kind":"role"}', "null", '{"format":2}'])(
    "a damaged file is no session: %s",
    async (text) => {
      const damaged = { principal: mfaPrincipal("AKIA2", text), roleArn: ADMIN };
      await writeCachedRole(deps, damaged, "p", session);
      writeFileSync(roleCachePath(deps, damaged), text);
      expect(await readCachedRole(deps, damaged)).toBeUndefined();
    },
  );
});
