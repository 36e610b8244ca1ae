/**
 * scanInventory (over ProfileKeys) gives every profile the summary summarizeProfiles gives it
 * through the general readers, and marks as serving exactly the profiles partners() names;
 * ListedSessions finds each own session findSession finds (with and without reading the
 * cache files for their devices first). On the varied files of the list agreement test.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { readAwsFiles, readAwsTexts } from "../../src/config/aws-files.ts";
import { cacheKeyOf } from "../../src/profiles/forget-cached.ts";
import { partners, summarizeProfiles } from "../../src/profiles/inventory.ts";
import { scanInventory } from "../../src/profiles/inventory-scan.ts";
import { ListedSessions } from "../../src/profiles/listed-sessions.ts";
import { ProfileKeys } from "../../src/profiles/profile-keys.ts";
import { cachedSessionNames, findSession } from "../../src/profiles/session-status.ts";
import { writeCachedSession } from "../../src/session/cache-write.ts";
import { variedFiles } from "../commands/list/varied-files.ts";
import { TEST_NOW, testDeps } from "../support/test-deps.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-inventory-scan-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

test("the same summaries, serving profiles and sessions as the general readers", async () => {
  await fc.assert(
    fc.asyncProperty(variedFiles, async ({ config, credentials, cached }) => {
      const home = join(root, String(runs++));
      mkdirSync(join(home, ".aws"), { recursive: true });
      writeFileSync(join(home, ".aws", "config"), config);
      writeFileSync(join(home, ".aws", "credentials"), credentials);
      const { deps } = testDeps({ env: { AWSMFA_CACHE_DIR: join(home, "cache") }, homedir: home });
      const files = await readAwsFiles(deps);
      const expected = summarizeProfiles(files);
      for (const [i, summary] of expected.entries()) {
        const key = cacheKeyOf(files, summary.name);
        const choice = cached[i % cached.length]!;
        if (key && choice < 3) {
          const expiration = new Date(TEST_NOW + (choice - 1) * 3_600_000);
          await writeCachedSession(deps, key, {
            accessKeyId: "ASIAC",
            secretAccessKey: "s",
            sessionToken: "t",
            expiration,
          });
        }
      }
      const texts = await readAwsTexts(deps);
      const keys = new ProfileKeys(texts);
      const { rows, serving } = scanInventory(keys);
      expect(rows).toEqual(expected);
      const named = partners(expected);
      expect(rows.map((_, i) => serving[i] === 1)).toEqual(rows.map((r) => named.has(r.name)));
      const listed = await cachedSessionNames(deps);
      for (const readAhead of [false, true]) {
        const sessions = await ListedSessions.of(keys, texts, deps, listed, readAhead);
        for (const [i, row] of rows.entries()) {
          if (row.kind === "other") continue;
          const general = await findSession(files, row.name, deps, listed, { key: row.cacheKey });
          expect([row.name, await sessions.find(i, row)]).toEqual([row.name, general]);
        }
      }
    }),
    { numRuns: 120 },
  );
}, 120_000);

test("an odd character found after the lines were read: both files are read again", async () => {
  // Plain config, then credentials whose only odd spots are a form feed and an ESC (the
  // quick look before reading cannot see them: ini/key-scan.ts), with CRLF line breaks or LF.
  for (const eol of ["\n", "\r\n"]) {
    const home = join(root, String(runs++));
    mkdirSync(join(home, ".aws"), { recursive: true });
    const config = ["[profile a]", "mfa_serial = arn:aws:iam::123456789012:mfa/a", "region = r"];
    const credentials = [
      "[a-long-term]",
      "aws_access_key_id = AKIAAAAAAAAAAAAAAAAA",
      "aws_secret_access_key = s",
      "# a form feed \f",
      "[b]",
      "region = \x1b[1mbold",
      "aws_access_key_id = AKIABBBBBBBBBBBBBBBB",
      "aws_secret_access_key = s",
    ];
    const text = (lines: string[]) => lines.map((line) => line + eol).join("");
    writeFileSync(join(home, ".aws", "config"), text(config));
    writeFileSync(join(home, ".aws", "credentials"), text(credentials));
    const { deps } = testDeps({ env: { AWSMFA_CACHE_DIR: join(home, "cache") }, homedir: home });
    const keys = new ProfileKeys(await readAwsTexts(deps));
    expect(keys.ascii).toBe(false);
    expect(scanInventory(keys).rows).toEqual(summarizeProfiles(await readAwsFiles(deps)));
  }
});
