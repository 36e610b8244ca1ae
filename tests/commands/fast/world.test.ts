/**
 * The fast path's file system: the full CLI's synchronous one (system/sync-fs.ts) for reading,
 * and a FallThrough, before anything is touched, for every call that could change something.
 */
import { afterAll, expect, test } from "bun:test";
import { constants, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FallThrough } from "../../../src/commands/fast/fall-through.ts";
import { fastWorld } from "../../../src/commands/fast/world.ts";

const folder = mkdtempSync(join(tmpdir(), "awsmfa-fast-world-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const { fs } = fastWorld({
  env: {},
  platform: process.platform,
  homedir: folder,
  execPath: "/bin/false",
  isTerminal: () => false,
}).deps;

test("reads as the full CLI reads, errors included", async () => {
  const path = join(folder, "config");
  writeFileSync(path, "[default]\n");
  const handle = await fs.open(path, constants.O_RDONLY);
  expect((await handle.readFile()).toString()).toBe("[default]\n");
  await handle.close();
  expect((await fs.stat(path)).isFile()).toBe(true);
  const missing = await fs.realpath(join(folder, "nope")).catch((error) => error);
  expect({ code: missing.code, syscall: missing.syscall }).toEqual({
    code: "ENOENT",
    syscall: "realpath",
  });
});

test("anything that could change a file falls through and changes nothing", async () => {
  const path = join(folder, "made");
  const calls: Array<[string, () => Promise<unknown>]> = [
    ["open for writing", () => fs.open(path, constants.O_WRONLY | constants.O_CREAT)],
    ["open by a flag string", () => fs.open(path, "w")],
    ["writeFile", () => fs.writeFile(path, "x")],
    ["mkdir", () => fs.mkdir(path)],
    ["rmdir", () => fs.rmdir(folder)],
    ["rm", () => fs.rm(folder, { recursive: true })],
    ["unlink", () => fs.unlink(join(folder, "config"))],
  ];
  for (const [what, call] of calls) {
    let thrown: unknown;
    try {
      await call();
    } catch (error) {
      thrown = error;
    }
    expect([what, thrown instanceof FallThrough]).toEqual([what, true]);
  }
  expect(existsSync(path)).toBe(false);
  expect(existsSync(join(folder, "config"))).toBe(true);
});
