import { afterEach, describe, expect, test } from "bun:test";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { encryptedFileStore, keyFilePath } from "../../src/keys/encrypted-file.ts";
import { makeSandbox, type Sandbox } from "../support/sandbox.ts";
import { KEYS, OTHER, storeDeps } from "./support.ts";

let sandbox: Sandbox;
afterEach(() => sandbox?.cleanup());
const pass = { AWSMFA_KEY_STORE_PASSPHRASE: "correct horse battery" };

describe("encrypted-file key store", () => {
  test("stores, reads and removes keys in one 0600 file that holds no secret in the clear", async () => {
    sandbox = makeSandbox();
    const deps = storeDeps(sandbox, pass);
    await encryptedFileStore.write("prod", KEYS, deps);
    await encryptedFileStore.write("dev", OTHER, deps);
    const path = keyFilePath(deps);
    expect(path).toBe(`${sandbox.home}/.config/awsmfa/keys.enc`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain(KEYS.secretAccessKey);
    expect(text).not.toContain(KEYS.accessKeyId);
    // a fresh process (fresh deps) with the passphrase reads them back
    expect(await encryptedFileStore.read("prod", storeDeps(sandbox, pass))).toEqual(KEYS);
    await encryptedFileStore.remove("prod", KEYS.accessKeyId, storeDeps(sandbox, pass));
    expect(await encryptedFileStore.read("prod", storeDeps(sandbox, pass))).toBeUndefined();
    expect(await encryptedFileStore.read("dev", storeDeps(sandbox, pass))).toEqual(OTHER);
  });

  test.skipIf(process.platform === "win32")(
    "a key store folder others may write is refused (exit 3), and nothing goes through a link",
    async () => {
      sandbox = makeSandbox();
      const shared = join(sandbox.home, "shared");
      mkdirSync(shared);
      chmodSync(shared, 0o777);
      const bait = join(shared, "bait");
      writeFileSync(bait, "");
      chmodSync(bait, 0o666);
      symlinkSync(bait, join(shared, "keys.enc"));
      const deps = storeDeps(sandbox, { ...pass, AWSMFA_KEY_STORE_FILE: join(shared, "keys.enc") });
      const refused = await encryptedFileStore.write("prod", KEYS, deps).catch((e) => e);
      expect(refused.code).toBe("config");
      expect(refused.message).toContain(
        `The key store folder ${shared} can be written by other users`,
      );
      await expect(encryptedFileStore.read("prod", deps)).rejects.toThrow(
        /can be written by other/,
      );
      expect(readFileSync(bait, "utf8")).toBe("");
      // Under XDG_CONFIG_HOME, in a sticky world folder: awsmfa makes awsmfa/ 0700 and uses it.
      chmodSync(shared, 0o1777);
      const xdg = storeDeps(sandbox, { ...pass, XDG_CONFIG_HOME: shared });
      await encryptedFileStore.write("prod", KEYS, xdg);
      expect(statSync(join(shared, "awsmfa")).mode & 0o777).toBe(0o700);
      expect(await encryptedFileStore.read("prod", xdg)).toEqual(KEYS);
      expect(existsSync(join(shared, "awsmfa", "keys.enc"))).toBe(true);
    },
  );

  test("a wrong passphrase is a clear error and changes nothing", async () => {
    sandbox = makeSandbox();
    await encryptedFileStore.write("prod", KEYS, storeDeps(sandbox, pass));
    const path = keyFilePath(storeDeps(sandbox));
    const before = readFileSync(path, "utf8");
    const wrong = storeDeps(sandbox, { AWSMFA_KEY_STORE_PASSPHRASE: "wrong passphrase" });
    await expect(encryptedFileStore.read("prod", wrong)).rejects.toThrow(/Wrong passphrase/);
    await expect(encryptedFileStore.write("dev", OTHER, wrong)).rejects.toThrow(/Wrong passphrase/);
    await expect(encryptedFileStore.remove("prod", KEYS.accessKeyId, wrong)).rejects.toThrow(
      /Wrong passphrase/,
    );
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  test("a truncated or tampered file is refused with a message, not a crash", async () => {
    sandbox = makeSandbox();
    await encryptedFileStore.write("prod", KEYS, storeDeps(sandbox, pass));
    const path = keyFilePath(storeDeps(sandbox));
    const good = readFileSync(path, "utf8");
    const shape = JSON.parse(good);
    const data = Buffer.from(shape.data, "base64");
    data[3] = (data[3] ?? 0) ^ 1;
    const cases = [
      good.slice(0, good.length / 2),
      "",
      "not json",
      JSON.stringify({ ...shape, data: data.toString("base64") }),
      JSON.stringify({ ...shape, data: "" }),
      JSON.stringify({ ...shape, kdf: { ...shape.kdf, N: 1 << 30 } }),
      JSON.stringify({ ...shape, kdf: { ...shape.kdf, N: 1000 } }),
      JSON.stringify({ ...shape, iv: 5 }),
    ];
    for (const text of cases) {
      writeFileSync(path, text);
      const error = await encryptedFileStore.read("prod", storeDeps(sandbox, pass)).catch((e) => e);
      expect(error?.name).toBe("UserError");
      expect(String(error.message)).toMatch(/damaged|Wrong passphrase/);
      await expect(
        encryptedFileStore.write("dev", OTHER, storeDeps(sandbox, pass)),
      ).rejects.toThrow();
      expect(readFileSync(path, "utf8")).toBe(text);
    }
  });

  test("without a terminal and without the variable it says how to give the passphrase", async () => {
    sandbox = makeSandbox();
    await expect(encryptedFileStore.write("prod", KEYS, storeDeps(sandbox))).rejects.toThrow(
      /no terminal/,
    );
  });

  test("other keys for the profile are not replaced unasked", async () => {
    sandbox = makeSandbox();
    await encryptedFileStore.write("prod", KEYS, storeDeps(sandbox, pass));
    await expect(encryptedFileStore.write("prod", OTHER, storeDeps(sandbox, pass))).rejects.toThrow(
      /will not replace/,
    );
    await encryptedFileStore.write("prod", OTHER, storeDeps(sandbox, pass), KEYS.accessKeyId);
    expect(await encryptedFileStore.read("prod", storeDeps(sandbox, pass))).toEqual(OTHER);
  });
});
