import { describe, expect, test } from "bun:test";
import { formatEntry, parseEntry, passEntry, passStore } from "../../src/keys/pass.ts";
import { usePassStore } from "../support/pass-store.ts";
import { useSandbox } from "../support/sandbox.ts";
import { KEYS, OTHER, storeDeps } from "./support.ts";

const store = usePassStore();
const sandbox = useSandbox();

describe("pass key store", () => {
  test("entry text: the secret first, the key id on its own line", () => {
    expect(parseEntry(formatEntry(KEYS))).toEqual(KEYS);
    expect(parseEntry("only a password\n")).toBeUndefined();
    expect(passEntry("prod")).toBe("awsmfa/prod");
    expect(() => passEntry("../x")).toThrow(/path/);
  });

  test("available with an initialised store, not without", async () => {
    expect(await passStore.available(storeDeps(sandbox, store().env))).toEqual({ available: true });
    const none = await passStore.available(
      storeDeps(sandbox, { PASSWORD_STORE_DIR: "/nonexistent" }),
    );
    expect(none.available).toBe(false);
  });

  test("stores under awsmfa/PROFILE, reads back, refuses to replace unasked, removes", async () => {
    const deps = storeDeps(sandbox, store().env);
    expect(await passStore.read("prod", deps)).toBeUndefined();
    await passStore.write("prod", KEYS, deps);
    expect(store().show("awsmfa/prod")).toBe(formatEntry(KEYS));
    expect(await passStore.read("prod", deps)).toEqual(KEYS);
    await expect(passStore.write("prod", OTHER, deps)).rejects.toThrow(/will not replace/);
    await passStore.write("prod", OTHER, deps, KEYS.accessKeyId);
    expect(await passStore.read("prod", deps)).toEqual(OTHER);
    await passStore.remove("prod", OTHER.accessKeyId, deps);
    expect(await passStore.read("prod", deps)).toBeUndefined();
  });
});
