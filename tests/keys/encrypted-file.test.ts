import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync, statSync, writeFileSync } from "node:fs";
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
