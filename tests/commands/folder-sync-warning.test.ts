/**
 * A folder fsync that the disk fails (EIO, EROFS) after a write of the user's file: the
 * rename has happened, so the command still succeeds, but it says so on stderr, one line that
 * names the file and what to do; stdout (a protocol) is what it would have been. EINVAL (a file
 * system that cannot sync folders) stays silent. For every command that writes the user's
 * files through fileOptionsFrom: login, logout, configure --move-keys, a saved setting and
 * the credentials-file key store (fs/from-deps.ts requires the stderr they all warn on). Said
 * once per folder and run, however many writes the command makes there.
 */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { join } from "node:path";
import { run } from "../../src/cli.ts";
import { saveProfileSetting } from "../../src/config/save-setting.ts";
import type { FileSystem } from "../../src/deps.ts";
import { credentialsFileStore } from "../../src/keys/credentials-file.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

/** The real file system, with every fsync of the folder `folder` failing with `code`. */
function failingFolderSyncFs(folder: string, code: string | undefined): FileSystem {
  return {
    ...fsPromises,
    open: (async (path: string, ...rest: unknown[]) => {
      const open = fsPromises.open as (...a: unknown[]) => Promise<fsPromises.FileHandle>;
      const handle = await open(path, ...rest);
      if (code && path === folder) {
        handle.sync = async () => {
          throw Object.assign(new Error(`${code}: fsync failed`), { code, syscall: "fsync" });
        };
      }
      return handle;
    }) as FileSystem["open"],
  };
}

/** [prod-long-term] and [profile prod] of a new user; a test that needs other files writes them. */
function setup(code: string | undefined) {
  const login = world.user({ region: "us-east-1" });
  const { sandbox, serial, user } = login;
  const keys = `aws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`;
  const folder = join(sandbox.home, ".aws");
  const made = login.testDeps({ fs: failingFolderSyncFs(folder, code) });
  const credentials = join(folder, "credentials");
  const warning = `Warning: ${credentials} was saved, but the system could not flush its folder to disk (${code}), so the change could be lost if the computer loses power. Check the disk (its free space and the system log), then run sync.\n`;
  const others = () => readdirSync(folder).filter((n) => !["config", "credentials"].includes(n));
  return {
    ...made,
    sandbox,
    serial,
    mfaCode: login.code,
    keys,
    folder,
    credentials,
    warning,
    others,
  };
}

for (const code of ["EIO", "EROFS"]) {
  test(`login, ${code}: the session is saved and used, and stderr says the flush failed`, async () => {
    const s = setup(code);
    const args = ["prod", "--otp", s.mfaCode(), "--format", "json"];
    expect(await run(args, s.deps)).toBe(0);
    const out = JSON.parse(s.stdout());
    expect(Object.keys(out)).toEqual([
      "Version",
      "AccessKeyId",
      "SecretAccessKey",
      "SessionToken",
      "Expiration",
    ]);
    expect(s.stdout()).not.toContain("Warning");
    expect(readFileSync(s.credentials, "utf8")).toContain(
      `[prod]\naws_access_key_id = ${out.AccessKeyId}\n`,
    );
    expect(s.others()).toEqual([]);
    // Said once, before the session is reported saved.
    const err = s.stderr();
    expect(err.split(s.warning)).toHaveLength(2);
    expect(err.indexOf(s.warning)).toBeLessThan(err.indexOf("Saved the session in [prod]"));
  });
}

test("login of two profiles, EIO: both saved, the folder's warning once", async () => {
  const s = setup("EIO");
  s.sandbox.writeCredentials(`[prod-long-term]\n${s.keys}\n[dev-long-term]\n${s.keys}`);
  s.sandbox.writeConfig(
    `[profile prod]\nmfa_serial = ${s.serial}\nregion = us-east-1\n[profile dev]\nmfa_serial = ${s.serial}\nregion = us-east-1\n`,
  );
  const args = ["login", "prod", "dev", "--otp", s.mfaCode(), "--format", "json"];
  expect(await run(args, s.deps)).toBe(0);
  const text = readFileSync(s.credentials, "utf8");
  expect(text).toContain("[prod]\naws_access_key_id = ASIA");
  expect(text).toContain("[dev]\naws_access_key_id = ASIA");
  expect(s.stderr().split(s.warning)).toHaveLength(2);
  expect(s.others()).toEqual([]);
});

test("login, EINVAL (a file system that cannot sync folders): no warning", async () => {
  const s = setup("EINVAL");
  expect(await run(["prod", "--otp", s.mfaCode(), "--format", "json"], s.deps)).toBe(0);
  expect(JSON.parse(s.stdout()).AccessKeyId).toMatch(/^ASIA/);
  expect(s.stderr()).toContain("Saved the session in [prod]");
  expect(s.stderr()).not.toContain("Warning");
  expect(s.others()).toEqual([]);
});

/** A command run with the folder fsync failing with `code`, and again with it working. */
async function both(code: string, args: string[], prepare: (s: ReturnType<typeof setup>) => void) {
  const results = [];
  for (const failing of [code, undefined]) {
    const s = setup(failing);
    prepare(s);
    const exit = await run(args, s.deps);
    results.push({ exit, s, text: readFileSync(s.credentials, "utf8") });
  }
  return results;
}

const SESSION =
  "aws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = x\naws_session_token = y\nexpiration = 2026-01-01T12:00:00Z\n";

for (const [name, args, prepare] of [
  [
    "logout",
    ["logout", "prod"],
    (s: ReturnType<typeof setup>) => {
      s.sandbox.writeCredentials(`[prod-long-term]\n${s.keys}\n[prod]\n${SESSION}`);
      s.sandbox.writeConfig(`[profile prod]\nmfa_serial = ${s.serial}\n`);
    },
  ],
  [
    "configure --move-keys",
    ["configure", "prod", "--move-keys"],
    (s: ReturnType<typeof setup>) => {
      s.sandbox.writeCredentials(`[prod]\n${s.keys}`);
      s.sandbox.writeConfig(`[profile prod]\nmfa_serial = ${s.serial}\n`);
    },
  ],
] as const) {
  test(`${name}, EIO: the same exit, stdout and file as with a working disk, and the warning`, async () => {
    const [failed, fine] = await both("EIO", [...args], prepare);
    expect(failed!.exit).toBe(0);
    expect(fine!.exit).toBe(0);
    // The sandboxes differ only in their keys; the rest of the file is the same edit.
    const same = (r: typeof failed) => r!.text.replaceAll(r!.s.keys, "KEYS\n");
    expect(same(failed)).toBe(same(fine));
    expect(failed!.s.stdout().replaceAll(failed!.s.sandbox.home, "~")).toBe(
      fine!.s.stdout().replaceAll(fine!.s.sandbox.home, "~"),
    );
    // Once, though configure --move-keys writes the file twice (copy, then remove).
    expect(failed!.s.stderr().split(failed!.s.warning)).toHaveLength(2);
    expect(fine!.s.stderr()).not.toContain("Warning");
    expect(failed!.s.others()).toEqual([]);
  });
}

test("a setting saved and a key store written, EIO: done, and the folder's warning once", async () => {
  const s = setup("EIO");
  s.sandbox.writeCredentials("[other]\nregion = eu-west-1\n");
  s.sandbox.writeConfig("[profile prod]\n");
  const config = join(s.folder, "config");
  await saveProfileSetting(s.deps, config, "config", "prod", { mfa_serial: s.serial });
  expect(readFileSync(config, "utf8")).toBe(`[profile prod]\nmfa_serial = ${s.serial}\n`);
  const keys = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" };
  await credentialsFileStore.write("prod", keys, s.deps);
  expect(readFileSync(s.credentials, "utf8")).toContain(
    "[prod]\naws_access_key_id = AKIAEXAMPLE\n",
  );
  // Both files are in ~/.aws: one warning about that folder, naming the first file saved.
  expect(s.stderr()).toBe(s.warning.replace(s.credentials, config));
  expect(s.stdout()).toBe("");
  expect(s.others()).toEqual([]);
});
