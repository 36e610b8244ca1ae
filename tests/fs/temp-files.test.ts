import { expect, test } from "bun:test";
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { basename, join } from "node:path";
import fc from "fast-check";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import type { Identity } from "../../src/fs/options.ts";
import {
  hostTag,
  parseTempName,
  removeStaleTemps,
  staleTempMs,
  tempPathFor,
} from "../../src/fs/temp-files.ts";
import { updateFile } from "../../src/fs/update.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

const alive = new Set([100, 200]);
const me: Identity = { pid: 100, host: "laptop", isAlive: (pid) => alive.has(pid) };
const here = hostTag("laptop");
const there = hostTag("ci-runner");

test("temp names are hidden, next to the target, and unique per attempt", () => {
  const target = join("/home/u/.aws", "credentials");
  const names = new Set(Array.from({ length: 1000 }, () => tempPathFor(target, me)));
  expect(names.size).toBe(1000);
  for (const path of names) {
    expect(path.startsWith("/home/u/.aws/.credentials.")).toBe(true);
    expect(parseTempName(basename(path), target)).toEqual({ hostTag: here, pid: 100 });
  }
});

test.each([
  [`.credentials.${here}-42-a1b2c3.awsmfa-tmp`, { hostTag: here, pid: 42 }],
  [`.credentials.${here}-42-a1b2c3.awsmfa-tmp.bak`, null],
  [`.config.${here}-42-a1b2c3.awsmfa-tmp`, null],
  [`.credentials.x.${here}-42-a1b2c3.awsmfa-tmp`, null],
  [`.credentials.${here}-4x-a1b2c3.awsmfa-tmp`, null],
  ["credentials", null],
  ["credentials.lock", null],
])("parseTempName(%p)", (name, writer) => {
  expect(parseTempName(name, "/home/u/.aws/credentials")).toEqual(writer);
});

test("parseTempName reads a name as the expression it replaced does (the oracle)", () => {
  const oracle = (middle: string) => {
    const match = /^([0-9a-f]{8})-(\d+)-[0-9a-f]+$/.exec(middle);
    return match ? { hostTag: match[1]!, pid: Number(match[2]) } : null;
  };
  const examples = [`${here}-42-a1b2c3`, "0123abcd-7-0", `${there}-00012-ffffffffffff`];
  const pieces = ["-", "0", "9", "a", "f", "g", "A", "F", here, "42", "١"];
  fc.assert(
    fc.property(oracleTexts(examples, pieces, 400), (middle) => {
      const name = `.credentials.${middle}.awsmfa-tmp`;
      expect(parseTempName(name, "/home/u/.aws/credentials")).toEqual(oracle(middle));
    }),
    { numRuns: ORACLE_RUNS },
  );
});

test("stale temps are removed: writer gone from this host, or old; nothing else", async () => {
  const dir = scratchDir("temps");
  const target = join(dir, "credentials");
  const now = Date.now();
  const files: [string, number, boolean][] = [
    [`.credentials.${here}-300-aa.awsmfa-tmp`, now, true], // dead writer on this host
    [`.credentials.${here}-200-bb.awsmfa-tmp`, now, false], // live writer
    [`.credentials.${here}-100-cc.awsmfa-tmp`, now, false], // this process
    [`.credentials.${here}-0-dd.awsmfa-tmp`, now, false], // unknown writer
    [`.credentials.${there}-300-ee.awsmfa-tmp`, now, false], // another host, fresh
    [`.credentials.${there}-300-ff.awsmfa-tmp`, now - staleTempMs - 1000, true], // old
    [`.config.${here}-300-aa.awsmfa-tmp`, now, false], // another target's
    ["credentials", now - staleTempMs * 2, false],
    ["notes.txt", now - staleTempMs * 2, false],
  ];
  for (const [name, mtime] of files) {
    writeFileSync(join(dir, name), "secret");
    utimesSync(join(dir, name), new Date(mtime), new Date(mtime));
  }
  const removed = await removeStaleTemps(fs, target, me, now);
  const expected = files.filter(([, , gone]) => gone).map(([name]) => join(dir, name));
  expect(removed.sort()).toEqual(expected.sort());
  const kept = files.filter(([, , gone]) => !gone).map(([name]) => name);
  expect(leftovers(dir).sort()).toEqual(kept.sort());
});

test("a leftover temp file does not stop the next write, which cleans it up", async () => {
  const dir = scratchDir("temps");
  const target = join(dir, "credentials");
  writeFileSync(target, "old\n");
  const leftover = join(dir, `.credentials.${here}-300-0123.awsmfa-tmp`);
  writeFileSync(leftover, "half-written secrets");
  await writeFileAtomic(fs, target, "new\n", me);
  expect(readFileSync(target, "utf8")).toBe("new\n");
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("a locked update lists its folder once: the lock's look removes the file's stale temps", async () => {
  const dir = scratchDir("temps");
  const target = join(dir, "credentials");
  writeFileSync(target, "old\n");
  const leftover = join(dir, `.credentials.${here}-300-0123.awsmfa-tmp`);
  writeFileSync(leftover, "half-written secrets");
  const listed: string[] = [];
  const counting = {
    ...fs,
    readdir: ((path: string) => {
      listed.push(path);
      return fs.readdir(path);
    }) as typeof fs.readdir,
  };
  await updateFile(counting, target, () => "new\n", me);
  expect(readFileSync(target, "utf8")).toBe("new\n");
  expect(leftovers(dir, "credentials")).toEqual([]);
  // The lock's claims and the file's temps, from one listing (was one for each).
  expect(listed).toEqual([dir]);
});
