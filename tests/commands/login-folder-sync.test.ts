/**
 * A fresh login's folder fsync of ~/.aws/credentials (fs/atomic-write.ts folderFlushed, handed up
 * to commands/login.ts): it runs while the credentials lock and the MFA lock are released, and
 * the login says nothing on stdout or stderr about the session until it has finished; a folder
 * fsync that fails (EIO, a file system that cannot sync folders) is best effort, as before, and
 * leaves no rejection behind (the warning EIO gets: folder-sync-warning.test.ts). The real file system, with the folder's fsync gated or failing.
 */
import { expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli.ts";
import type { FileSystem } from "../../src/deps.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/** The real file system; `onFolderSync` runs in place of the fsync of the folder `folder`. */
function folderSyncFs(folder: string, onFolderSync: () => Promise<void>): FileSystem {
  return {
    ...fsPromises,
    open: (async (path: string, ...rest: unknown[]) => {
      const open = fsPromises.open as (...a: unknown[]) => Promise<fsPromises.FileHandle>;
      const handle = await open(path, ...rest);
      if (path === folder) handle.sync = onFolderSync;
      return handle;
    }) as FileSystem["open"],
  };
}

function setup(onFolderSync: () => Promise<void>) {
  const user = world.user({ region: "us-east-1" });
  const folder = join(user.sandbox.home, ".aws");
  const made = user.testDeps({ fs: folderSyncFs(folder, onFolderSync) });
  const login = () => run(["prod", "--otp", user.code(), "--format", "json"], made.deps);
  return { ...made, folder, login };
}

test("the login says nothing until the folder's fsync is done; both locks are released meanwhile", async () => {
  let release = () => {};
  let started = () => {};
  const syncStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const s = setup(async () => {
    started();
    await gate;
  });
  let code: number | undefined;
  const login = s.login().then((exit) => {
    code = exit;
  });
  await syncStarted;
  await Bun.sleep(30);
  // The rename has happened; nothing is said yet, and the login has not ended.
  expect(readFileSync(join(s.folder, "credentials"), "utf8")).toContain(
    "[prod]\naws_access_key_id = ASIA",
  );
  expect(code).toBeUndefined();
  expect(s.stdout()).toBe("");
  expect(s.stderr()).not.toContain("prod");
  // No lock of the credentials file, nor of the MFA device, is held while it runs.
  expect(readdirSync(s.folder).filter((name) => name.endsWith(".lock"))).toEqual([]);
  const cache = join(s.folder, "..", ".cache", "awsmfa");
  const held = existsSync(cache)
    ? readdirSync(cache, { recursive: true }).filter((name) => String(name).endsWith(".lock"))
    : [];
  expect(held).toEqual([]);
  release();
  await login;
  expect(code).toBe(0);
  expect(JSON.parse(s.stdout()).AccessKeyId).toMatch(/^ASIA/);
  expect(s.stderr()).toContain("Saved the session in [prod]");
});

test("a folder fsync that fails (EIO, or a file system that cannot sync folders) is best effort: the login succeeds, nothing escapes", async () => {
  const escaped: unknown[] = [];
  const onRejection = (reason: unknown) => escaped.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    for (const code of ["EIO", "EINVAL", "EROFS"]) {
      const s = setup(async () => {
        await Bun.sleep(5);
        throw Object.assign(new Error(`${code}: fsync failed`), { code, syscall: "fsync" });
      });
      expect(await s.login()).toBe(0);
      expect(readFileSync(join(s.folder, "credentials"), "utf8")).toContain("[prod]\n");
      expect(
        readdirSync(s.folder).filter((name) => !["config", "credentials"].includes(name)),
      ).toEqual([]);
    }
    await Bun.sleep(20);
    expect(escaped).toEqual([]);
  } finally {
    process.off("unhandledRejection", onRejection);
  }
});
