/** Finding a code tool on PATH without running it, on a real folder tree. */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProgram } from "../../src/system/which.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-path-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, mode: number): string {
  const full = join(root, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, "#!/bin/sh\n");
  chmodSync(full, mode);
  return full;
}

const a = join(root, "a");
const b = join(root, "b");
file("a/op", 0o644); // not executable: skipped
const realOp = file("b/op", 0o755);
mkdirSync(join(root, "a/bw"), { recursive: true }); // a folder named like the tool: skipped
const bw = file("b/bw", 0o700);
const home = join(root, "home");
const script = file("home/bin/totp", 0o755);
file("b/op.exe", 0o644);

const deps = (PATH: string, platform: NodeJS.Platform = "linux", extra = {}) => ({
  env: { PATH, ...extra },
  fs: fsPromises,
  platform,
  homedir: home,
});

describe("findProgram", () => {
  test("the first executable file on PATH, skipping plain files and folders", async () => {
    expect(await findProgram("op", deps(`${a}:${b}`))).toBe(realOp);
    expect(await findProgram("bw", deps(`${a}:${b}`))).toBe(bw);
  });

  test("not on PATH, empty PATH entries (the current folder), or no PATH at all", async () => {
    expect(await findProgram("ykman", deps(`${a}:${b}`))).toBeUndefined();
    expect(await findProgram("op", deps(`:${a}`))).toBeUndefined();
    expect(await findProgram("op", { ...deps(""), env: {} })).toBeUndefined();
  });

  test("an absolute path or ~/ path is used as given; a relative path is refused", async () => {
    expect(await findProgram(script, deps(""))).toBe(script);
    expect(await findProgram("~/bin/totp", deps(""))).toBe(script);
    expect(await findProgram("home/bin/totp", deps(root))).toBeUndefined();
    expect(await findProgram(join(root, "a/op"), deps(""))).toBeUndefined();
  });

  test("Windows: PATHEXT extensions, ';' between folders, no execute bit needed", async () => {
    const found = await findProgram("op", deps(`${a};${b}`, "win32", { PATHEXT: ".COM;.EXE" }));
    expect(found).toBe(join(b, "op.exe"));
  });
});
