/**
 * The cache folder's rules (config/cache-folder.ts over fs/private-folder.ts), as a table on
 * real folders. Another user is played by giving testDeps another uid than the files' owner
 * (this test's user): the check compares owners with the current uid, as it must for root.
 * tests/e2e/hardening-cache.test.ts plays the same with a real second user.
 */
import { afterEach, describe, expect, test } from "bun:test";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeCacheFile } from "../../src/config/cache-file-write.ts";
import { checkCacheFolder, readCacheFile } from "../../src/config/cache-folder.ts";
import { pasteable, UserError } from "../../src/errors.ts";
import { CheckedFolders } from "../../src/fs/checked-folders.ts";
import { testDeps } from "../support/test-deps.ts";

const onWindows = process.platform === "win32";
const me = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };

let base: string;
afterEach(() => rmSync(base, { recursive: true, force: true }));

/** A base folder of ours (0700) and deps whose cache folder is `cache` inside it. */
function world(options: { uid?: number; env?: Record<string, string> } = {}) {
  base = mkdtempSync(join(tmpdir(), "awsmfa-cachefolder-"));
  const root = join(base, "cache");
  const { deps } = testDeps({
    env: { AWSMFA_CACHE_DIR: root, ...options.env },
    homedir: base,
    uid: options.uid ?? me.uid,
    gid: me.gid,
  });
  return { deps, root };
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe("config");
  return error as UserError;
}

describe.skipIf(onWindows)("the cache folder", () => {
  test("made when missing: 0700 at every level awsmfa makes, and accepted", async () => {
    const { deps, root } = world();
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(false);
    expect(existsSync(root)).toBe(false); // reading makes nothing
    expect(await checkCacheFolder(deps, join(root, "sessions"), true)).toBe(true);
    expect(lstatSync(root).mode & 0o7777).toBe(0o700);
    expect(lstatSync(join(root, "sessions")).mode & 0o7777).toBe(0o700);
  });

  test("another user's folder is refused, naming the owner and the setting", async () => {
    const { deps, root } = world({ uid: me.uid + 4242 });
    mkdirSync(root, { mode: 0o700 });
    // The folders above are the test user's, who is "another user" here: the base is refused.
    const error = await refusal(checkCacheFolder(deps, root, false));
    expect(error.message).toContain(`belongs to another user (uid ${me.uid})`);
    expect(error.hint).toContain("AWSMFA_CACHE_DIR");
  });

  for (const mode of [0o777, 0o770, 0o722, 0o1777]) {
    test(`a cache folder others may write (${mode.toString(8)}) is refused, with chmod 700`, async () => {
      const { deps, root } = world();
      mkdirSync(root);
      chmodSync(root, mode);
      const error = await refusal(checkCacheFolder(deps, join(root, "sessions"), true));
      expect(error.message).toContain(`The cache folder ${root} can be written by other users`);
      expect(error.hint).toContain(`chmod 700 ${pasteable(root)}`);
      expect(existsSync(join(root, "sessions"))).toBe(false); // nothing was made in it
    });
  }

  test("a level inside that others may write, or that is a link, is refused", async () => {
    const { deps, root } = world();
    mkdirSync(join(root, "sessions"), { recursive: true, mode: 0o700 });
    chmodSync(join(root, "sessions"), 0o777);
    const open = await refusal(checkCacheFolder(deps, join(root, "sessions"), false));
    expect(open.message).toContain(`${join(root, "sessions")} in the cache folder`);
    rmSync(join(root, "sessions"), { recursive: true });
    mkdirSync(join(base, "elsewhere"), { mode: 0o700 });
    symlinkSync(join(base, "elsewhere"), join(root, "sessions"));
    const link = await refusal(checkCacheFolder(deps, join(root, "sessions"), true));
    expect(link.message).toContain("is a symbolic link");
    expect(link.hint).toContain(`rm ${pasteable(join(root, "sessions"))}`);
  });

  test("a folder above that others may write is refused, unless it is sticky (/tmp)", async () => {
    const { deps } = world();
    const shared = join(base, "shared");
    mkdirSync(shared);
    const root = join(shared, "awsmfa");
    const d = { ...deps, env: { AWSMFA_CACHE_DIR: root } };
    chmodSync(shared, 0o777);
    const error = await refusal(checkCacheFolder(d, root, true));
    expect(error.message).toContain(`${shared}, on the way to the cache folder ${root},`);
    expect(error.message).toContain("no sticky bit");
    expect(existsSync(root)).toBe(false); // judged before anything is made
    chmodSync(shared, 0o1777);
    expect(await checkCacheFolder(d, root, true)).toBe(true);
  });

  test("a link on the way is followed only if it is ours or root's; its target is judged", async () => {
    const { deps } = world();
    const real = join(base, "real");
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, join(base, "link"));
    const viaLink = { ...deps, env: { AWSMFA_CACHE_DIR: join(base, "link") } };
    expect(await checkCacheFolder(viaLink, join(base, "link", "sessions"), true)).toBe(true);
    expect(existsSync(join(real, "sessions"))).toBe(true);
    chmodSync(real, 0o777); // the link's target is the cache folder: judged as such
    const error = await refusal(checkCacheFolder(viaLink, join(base, "link"), false));
    expect(error.message).toContain(`The cache folder ${real} can be written by other users`);
  });

  test("a file where the folder should be is refused", async () => {
    const { deps, root } = world();
    writeFileSync(root, "");
    const error = await refusal(checkCacheFolder(deps, root, false));
    expect(error.message).toContain("is not a folder");
  });
});

describe.skipIf(onWindows)("files in the cache folder", () => {
  test("only a regular file of this user that others may not write is read", async () => {
    const { deps, root } = world();
    await writeCacheFile(deps, join(root, "sessions", "a.json"), "mine\n");
    expect(await readCacheFile(deps, join(root, "sessions", "a.json"))).toBe("mine\n");
    chmodSync(join(root, "sessions", "a.json"), 0o666);
    expect(await readCacheFile(deps, join(root, "sessions", "a.json"))).toBe("");
    // The same folder seen by another user: the folder is refused before any file is read.
    const other = { ...deps, uid: me.uid + 1, gid: 1 };
    await refusal(readCacheFile(other, join(root, "sessions", "a.json")));
  });

  test("a FIFO, a link to /dev/zero or to a file of ours: nothing read, at once", async () => {
    const { deps, root } = world();
    const sessions = join(root, "sessions");
    await checkCacheFolder(deps, sessions, true);
    Bun.spawnSync(["mkfifo", "-m", "600", join(sessions, "fifo.json")]);
    symlinkSync("/dev/zero", join(sessions, "zero.json"));
    writeFileSync(join(base, "target.json"), '{"format":1}', { mode: 0o600 });
    symlinkSync(join(base, "target.json"), join(sessions, "link.json"));
    const started = performance.now();
    for (const name of ["fifo.json", "zero.json", "link.json"]) {
      expect(await readCacheFile(deps, join(sessions, name))).toBe("");
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("a write replaces a link at the name, never writes through it; always 0600", async () => {
    const { deps, root } = world();
    const sessions = join(root, "sessions");
    await checkCacheFolder(deps, sessions, true);
    const bait = join(base, "bait");
    writeFileSync(bait, "");
    chmodSync(bait, 0o666);
    symlinkSync(bait, join(sessions, "s.json"));
    await writeCacheFile(deps, join(sessions, "s.json"), "secret\n");
    expect(readFileSync(bait, "utf8")).toBe("");
    expect(lstatSync(join(sessions, "s.json")).isFile()).toBe(true);
    expect(lstatSync(join(sessions, "s.json")).mode & 0o777).toBe(0o600);
    // An existing file with a loose mode does not pass it on either.
    chmodSync(join(sessions, "s.json"), 0o644);
    await writeCacheFile(deps, join(sessions, "s.json"), "again\n");
    expect(lstatSync(join(sessions, "s.json")).mode & 0o777).toBe(0o600);
  });
});

describe.skipIf(onWindows)("each folder judged once per run (Deps.folderChecks)", () => {
  /** testDeps over the real file system, counting lstat calls per path. */
  function counted(options: { uid?: number } = {}) {
    const w = world(options);
    const lstats = new Map<string, number>();
    const fs = {
      ...w.deps.fs,
      lstat: ((path: string) => {
        lstats.set(path, (lstats.get(path) ?? 0) + 1);
        return w.deps.fs.lstat(path);
      }) as typeof w.deps.fs.lstat,
    };
    let now = 1_000_000;
    const folderChecks = new CheckedFolders(() => now);
    const deps = { ...w.deps, fs, folderChecks };
    const later = (ms: number) => {
      now += ms;
    };
    return { ...w, deps, lstats, later };
  }

  test("a login's seven checks walk from / once, and each level inside once", async () => {
    const { deps, root, lstats } = counted();
    // What a fresh login asks, in its order: the cache look, the MFA lock, the look under it,
    // the cache write, the code-window record.
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(false);
    expect(await checkCacheFolder(deps, join(root, "sessions"), true)).toBe(true);
    for (let i = 0; i < 3; i++) {
      expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    }
    expect(await checkCacheFolder(deps, join(root, "code-windows"), true)).toBe(true);
    expect(await checkCacheFolder(deps, join(root, "code-windows"), false)).toBe(true);
    // "/" is looked at by every walk; after the one that passed, by none.
    expect(lstats.get("/")).toBe(3); // the first look (missing), the walk before mkdir, after it
    expect(lstats.get(join(root, "sessions"))).toBe(2); // missing, made, judged
    expect(lstats.get(join(root, "code-windows"))).toBe(2); // missing, made, judged
    const before = [...lstats.values()].reduce((a, b) => a + b, 0);
    await checkCacheFolder(deps, join(root, "sessions"), true);
    await checkCacheFolder(deps, root, false);
    expect([...lstats.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });

  test("a refused folder is judged again at every ask, never kept as passed", async () => {
    const { deps, root, lstats } = counted();
    mkdirSync(join(root, "sessions"), { recursive: true, mode: 0o700 });
    chmodSync(root, 0o777);
    await refusal(checkCacheFolder(deps, join(root, "sessions"), false));
    await refusal(checkCacheFolder(deps, join(root, "sessions"), false));
    expect(lstats.get("/")).toBe(2);
    expect(deps.folderChecks.size).toBe(0);
    // Made safe, it passes (and is kept from then on); another user is still refused.
    chmodSync(root, 0o700);
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    const other = { ...deps, uid: me.uid + 4242 };
    await refusal(checkCacheFolder(other, join(root, "sessions"), false));
  });

  test("a pass holds for a moment: 2 s later (a login that waited for a person) it walks again", async () => {
    const { deps, root, lstats, later } = counted();
    expect(await checkCacheFolder(deps, join(root, "sessions"), true)).toBe(true);
    expect(lstats.get("/")).toBe(2); // missing, made, walked again
    later(1999);
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    expect(lstats.get("/")).toBe(2);
    later(1);
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    expect(lstats.get("/")).toBe(3);
    // What changed meanwhile is seen: a level made writable by others is refused again.
    later(2000);
    chmodSync(join(root, "sessions"), 0o777);
    await refusal(checkCacheFolder(deps, join(root, "sessions"), false));
    // A clock set back does not keep a pass for ever.
    later(-10_000);
    chmodSync(join(root, "sessions"), 0o700);
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    later(-1);
    const walks = lstats.get("/");
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    expect(lstats.get("/")).toBe(walks! + 1);
  });

  test("no pass is kept under a folder its group may write: a member could swap what was judged", async () => {
    // A group-writable folder above passes when it is this user's and their own group's (user
    // private groups). But a group anyone else is in lets them rename the cache folder away and
    // put their own in its place between two checks: each check must walk again to see it.
    const { deps, root, lstats } = counted();
    chmodSync(base, 0o770);
    expect(await checkCacheFolder(deps, join(root, "sessions"), true)).toBe(true);
    renameSync(root, `${root}.moved`);
    mkdirSync(join(root, "sessions"), { recursive: true, mode: 0o700 });
    chownSync(root, me.uid + 4242, me.gid);
    const refused = await refusal(checkCacheFolder(deps, join(root, "sessions"), false));
    expect(refused.message).toContain(root);
    expect(deps.folderChecks.size).toBe(0);
    // A private folder above (0700) keeps its pass, as before.
    rmSync(root, { recursive: true });
    renameSync(`${root}.moved`, root);
    chmodSync(base, 0o700);
    const walks = lstats.get("/")!;
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    expect(await checkCacheFolder(deps, join(root, "sessions"), false)).toBe(true);
    expect(lstats.get("/")).toBe(walks + 1);
  });

  test("without Deps.folderChecks (tests, other callers) every check walks again", async () => {
    const { deps, root } = world();
    expect(await checkCacheFolder(deps, join(root, "sessions"), true)).toBe(true);
    chmodSync(join(root, "sessions"), 0o777);
    await refusal(checkCacheFolder(deps, join(root, "sessions"), false));
  });
});
