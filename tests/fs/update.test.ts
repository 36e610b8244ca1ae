import { expect, test } from "bun:test";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { fileOptionsFrom } from "../../src/fs/from-deps.ts";
import { updateFile } from "../../src/fs/update.ts";
import { testDeps } from "../support/test-deps.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { leftovers, modeOf, onWindows, scratchDir } from "./support/scratch.ts";

test("a missing file: the edit sees null, the file is created private", async () => {
  const dir = scratchDir("update");
  const path = join(dir, "credentials");
  const seen: (string | null)[] = [];
  const result = await updateFile(fs, path, (current) => {
    seen.push(current);
    return "[default]\n";
  });
  expect(seen).toEqual([null]);
  expect(result).toEqual({ changed: true, text: "[default]\n" });
  expect(readFileSync(path, "utf8")).toBe("[default]\n");
  if (!onWindows) expect(modeOf(path)).toBe(0o600);
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("an edit that changes nothing writes nothing", async () => {
  const dir = scratchDir("update");
  const path = join(dir, "credentials");
  writeFileSync(path, "[default]\nregion = eu-west-1\n");
  const before = statSync(path);
  const result = await updateFile(fs, path, (current) => current ?? "");
  expect(result).toEqual({ changed: false, text: "[default]\nregion = eu-west-1\n" });
  const after = statSync(path);
  expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("edits apply to the current text, one after another", async () => {
  const path = join(scratchDir("update"), "config");
  for (const line of ["a", "b", "c"]) {
    await updateFile(fs, path, (current) => `${current ?? ""}${line}\n`);
  }
  expect(readFileSync(path, "utf8")).toBe("a\nb\nc\n");
});

test("every byte the edit keeps is kept: BOM, CRLF, no final newline", async () => {
  const path = join(scratchDir("update"), "credentials");
  const original = Buffer.from("\uFEFF# mine\r\n[default]\r\nx = ü", "utf8");
  writeFileSync(path, original);
  await updateFile(fs, path, (current) => `${current}\r\n[new]\r\n`);
  expect(readFileSync(path)).toEqual(Buffer.concat([original, Buffer.from("\r\n[new]\r\n")]));
});

test("a file that is not UTF-8 is refused, not mangled", async () => {
  const dir = scratchDir("update");
  const path = join(dir, "credentials");
  const latin1 = Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // "# café" in Latin-1
  writeFileSync(path, latin1);
  let called = false;
  const error = await updateFile(fs, path, () => {
    called = true;
    return "x";
  }).catch((e) => e);
  expect(called).toBe(false);
  expect(error).toBeInstanceOf(UserError);
  expect(error.message).toBe(`${path} is not valid UTF-8 text, so awsmfa will not rewrite it.`);
  expect(readFileSync(path)).toEqual(latin1);
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("an edit that throws leaves the file and releases the lock", async () => {
  const dir = scratchDir("update");
  const path = join(dir, "credentials");
  writeFileSync(path, "old\n");
  const boom = new UserError("Refusing to overwrite long-term keys.");
  const edit = () => {
    throw boom;
  };
  await expect(updateFile(fs, path, edit)).rejects.toBe(boom);
  expect(readFileSync(path, "utf8")).toBe("old\n");
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("fileOptionsFrom passes the clock, this process, the fault hooks and stderr on", () => {
  const { clock } = fakeClock(0);
  const afterTempWritten = () => {};
  const { deps, stderr } = testDeps();
  const options = fileOptionsFrom({
    clock,
    processes: { pid: 77, isAlive: (pid) => pid === 77 },
    hooks: { afterTempWritten },
    io: deps.io,
  });
  options.warn?.("Warning: a line", "/home/x/.aws");
  expect(stderr()).toBe("Warning: a line\n");
  expect(options.clock).toBe(clock);
  expect(options.pid).toBe(77);
  expect([options.isAlive?.(77), options.isAlive?.(78)]).toEqual([true, false]);
  expect(options.hooks?.afterTempWritten).toBe(afterTempWritten);
});

test("fileOptionsFrom says a folder's warning once per run, from any of its writes", () => {
  const { deps, stderr } = testDeps();
  const from = () =>
    fileOptionsFrom({
      clock: fakeClock(0).clock,
      processes: deps.processes,
      hooks: {},
      io: deps.io,
    });
  const first = from();
  first.warn?.("Warning: credentials", "/home/x/.aws");
  first.warn?.("Warning: credentials", "/home/x/.aws");
  from().warn?.("Warning: config", "/home/x/.aws");
  from().warn?.("Warning: elsewhere", "/srv/aws");
  expect(stderr()).toBe("Warning: credentials\nWarning: elsewhere\n");
  // Another run (its own stderr) is told again.
  const other = testDeps();
  fileOptionsFrom({ ...deps, io: other.deps.io }).warn?.("Warning: credentials", "/home/x/.aws");
  expect(other.stderr()).toBe("Warning: credentials\n");
});

test("an update makes its folder once and looks up its file once under the lock", async () => {
  const dir = scratchDir("update");
  const path = join(dir, "credentials");
  writeFileSync(path, "[default]\n");
  const made: string[] = [];
  const looked: string[] = [];
  const counting = {
    ...fs,
    mkdir: ((folder: string, options: unknown) => {
      made.push(folder);
      return fs.mkdir(folder, options as Parameters<typeof fs.mkdir>[1]);
    }) as typeof fs.mkdir,
    lstat: ((file: string) => {
      looked.push(file);
      return fs.lstat(file);
    }) as typeof fs.lstat,
  };
  await updateFile(counting, path, (current) => `${current}region = eu-west-1\n`);
  expect(readFileSync(path, "utf8")).toBe("[default]\nregion = eu-west-1\n");
  // The lock's folder is the file's; the lock's look (before it) and the update's (under it).
  expect(made).toEqual([dir]);
  expect(looked.filter((file) => file === path)).toEqual([path, path]);
  expect(leftovers(dir, "credentials")).toEqual([]);
});

test("the lock's folder is tidied while the new text is flushed, not before the write begins", async () => {
  const dir = scratchDir("update");
  const path = join(dir, "credentials");
  writeFileSync(path, "[default]\n");
  const steps: string[] = [];
  const counting = {
    ...fs,
    open: ((file: string, ...rest: unknown[]) => {
      if (String(file).endsWith(".awsmfa-tmp")) steps.push("temp");
      return (fs.open as (...args: unknown[]) => ReturnType<typeof fs.open>)(file, ...rest);
    }) as typeof fs.open,
    readdir: ((folder: string) => {
      steps.push("listing");
      return fs.readdir(folder);
    }) as typeof fs.readdir,
  };
  await updateFile(counting, path, (current) => `${current}region = eu-west-1\n`);
  // The lock's own temp file, then the new text's, then the one listing.
  expect(steps).toEqual(["temp", "temp", "listing"]);
  expect(leftovers(dir, "credentials")).toEqual([]);
});
