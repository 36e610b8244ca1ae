import { describe, expect, test } from "bun:test";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { isRoot, leftovers, modeOf, onWindows, scratchDir } from "./support/scratch.ts";

const texts: [string, string][] = [
  ["empty", ""],
  ["one line without a final newline", "[default]\nregion = eu-west-1"],
  ["CRLF line endings", "[default]\r\nregion = eu-west-1\r\n"],
  ["a byte order mark", "\uFEFF[default]\nregion = us-east-1\n"],
  ["non-ASCII text", "# café ☕ 日本語 😀\n[p]\nx = ü\n"],
  ["a long file", `${"# filler line with some text\n".repeat(40_000)}[end]\n`],
];

describe("writeFileAtomic writes exactly the given text", () => {
  test.each(texts)("%s, new file", async (_label, text) => {
    const path = join(scratchDir(), "credentials");
    await writeFileAtomic(fs, path, text);
    expect(readFileSync(path)).toEqual(Buffer.from(text, "utf8"));
  });

  test.each(texts)("%s, replacing a file", async (_label, text) => {
    const dir = scratchDir();
    const path = join(dir, "credentials");
    writeFileSync(path, "old text that is longer than some of the new texts\n".repeat(3));
    await writeFileAtomic(fs, path, text);
    expect(readFileSync(path)).toEqual(Buffer.from(text, "utf8"));
    expect(leftovers(dir, "credentials")).toEqual([]);
  });
});

describe.skipIf(onWindows)("modes", () => {
  if (onWindows) console.log("skipped: Windows has no Unix file modes");

  test("a new file is 0600, and new folders on the way are 0700", async () => {
    const root = scratchDir();
    const path = join(root, "home", ".aws", "credentials");
    await writeFileAtomic(fs, path, "[default]\n");
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(root, "home", ".aws"))).toBe(0o700);
    expect(modeOf(join(root, "home"))).toBe(0o700);
  });

  test.each([
    ["0640", 0o640],
    ["0600", 0o600],
    ["0644", 0o644],
    ["0400", 0o400],
    ["0660", 0o660],
  ])("an existing file keeps mode %s", async (_label, mode) => {
    const dir = scratchDir();
    const path = join(dir, "config");
    writeFileSync(path, "old\n");
    await fs.chmod(path, mode);
    await writeFileAtomic(fs, path, "new\n");
    expect(modeOf(path)).toBe(mode);
    expect(readFileSync(path, "utf8")).toBe("new\n");
  });

  test("options choose the mode of new files and folders", async () => {
    const root = scratchDir();
    const path = join(root, "cache", "session.json");
    await writeFileAtomic(fs, path, "{}", { mode: 0o640, dirMode: 0o750 });
    expect(modeOf(path)).toBe(0o640);
    expect(modeOf(join(root, "cache"))).toBe(0o750);
  });

  test("an existing folder keeps its mode", async () => {
    const dir = scratchDir();
    await fs.chmod(dir, 0o755);
    await writeFileAtomic(fs, join(dir, "credentials"), "x");
    expect(modeOf(dir)).toBe(0o755);
  });
});

describe.skipIf(!isRoot || onWindows)("owner", () => {
  if (!isRoot) console.log("skipped: only root can give a file to another user");

  test("a file of another user written by root (sudo awsmfa) stays that user's", async () => {
    const dir = scratchDir();
    const path = join(dir, "credentials");
    writeFileSync(path, "old\n");
    await fs.chown(path, 65534, 65534);
    await writeFileAtomic(fs, path, "new\n");
    const stats = statSync(path);
    expect([stats.uid, stats.gid]).toEqual([65534, 65534]);
    expect(readFileSync(path, "utf8")).toBe("new\n");
  });
});

test("the file is replaced by rename: a reader holding the old file keeps the old text", async () => {
  const path = join(scratchDir(), "credentials");
  writeFileSync(path, "old\n");
  const before = statSync(path).ino;
  const reader = await fs.open(path, "r");
  await writeFileAtomic(fs, path, "new\n");
  expect(await reader.readFile("utf8")).toBe("old\n");
  await reader.close();
  expect(statSync(path).ino).not.toBe(before);
  expect(readFileSync(path, "utf8")).toBe("new\n");
});

test("the fault hook sees the finished temp file next to the target, before the rename", async () => {
  const dir = scratchDir();
  const path = join(dir, "credentials");
  writeFileSync(path, "old\n");
  const seen: { name: string; text: string; target: string }[] = [];
  await writeFileAtomic(fs, path, "new\n", {
    pid: 4242,
    hooks: {
      afterTempWritten(temp) {
        seen.push({
          name: temp.slice(dir.length + 1),
          text: readFileSync(temp, "utf8"),
          target: readFileSync(path, "utf8"),
        });
      },
    },
  });
  expect(seen).toHaveLength(1);
  expect(seen[0]!.name).toMatch(/^\.credentials\.[0-9a-f]{8}-4242-[0-9a-f]{12}\.awsmfa-tmp$/);
  expect(seen[0]!.text).toBe("new\n");
  expect(seen[0]!.target).toBe("old\n");
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("a hook that throws aborts the write: old file kept, temp removed", async () => {
  const dir = scratchDir();
  const path = join(dir, "credentials");
  writeFileSync(path, "old\n");
  const boom = new Error("boom");
  const write = writeFileAtomic(fs, path, "new\n", {
    hooks: {
      afterTempWritten() {
        throw boom;
      },
    },
  });
  await expect(write).rejects.toBe(boom);
  expect(readFileSync(path, "utf8")).toBe("old\n");
  expect(leftovers(dir, "credentials")).toEqual([]);
});
