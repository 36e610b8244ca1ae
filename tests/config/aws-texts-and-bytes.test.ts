/**
 * readAwsTextsAndBytes (config/aws-files.ts): list's read of the two files. The bytes come
 * with the texts, and each text is decoded when first asked for (list's C loops read the bytes
 * alone): the texts must be what readAwsTexts reads, invalid UTF-8 as U+FFFD and a missing
 * file as null, however often and in whatever order they are asked for.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAwsTexts, readAwsTextsAndBytes } from "../../src/config/aws-files.ts";
import { testDeps } from "../support/test-deps.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-aws-texts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("the texts decoded when asked are readAwsTexts', and the bytes are the files'", async () => {
  const home = join(root, "home");
  mkdirSync(join(home, ".aws"), { recursive: true });
  const config = Buffer.concat([
    Buffer.from("[profile a]\r\nregion = eu-west-1\n# caf\u00e9 \0\n"),
    Buffer.from([0xff, 0xfe, 0x41, 0x0a]),
  ]);
  writeFileSync(join(home, ".aws", "config"), config);
  const { deps } = testDeps({ env: {}, homedir: home });
  const read = await readAwsTextsAndBytes(deps);
  const expected = await readAwsTexts(deps);
  expect(read.bytes[0]?.equals(config)).toBe(true);
  expect(read.bytes[1]).toBeNull();
  // the credentials file first, then the config file twice: each answer the same
  expect(read.credentialsText).toBeNull();
  expect(read.credentialsText).toBe(expected.credentialsText);
  expect(read.configText).toBe(expected.configText);
  expect(read.configText).toContain("\uFFFD\uFFFDA\n");
  expect(read.configText).toBe(config.toString("utf8"));
  // the general path spreads the texts (awsFilesOf): the getters give the texts there too
  expect({ ...read }.configText).toBe(expected.configText);
  expect(read.paths).toEqual(expected.paths);
});
