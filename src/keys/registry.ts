/**
 * The explicit list of key stores (as otp/registry.ts lists the code sources): no store
 * registers itself by being imported. Order is the order offered to people: the OS store
 * first, plaintext last.
 */
import { UsageError } from "../errors.ts";
import { credentialsFileStore } from "./credentials-file.ts";
import { encryptedFileStore } from "./encrypted-file.ts";
import { keychainStore } from "./keychain.ts";
import { passStore } from "./pass.ts";
import { KEY_STORE_NAMES, type KeyStore, type KeyStoreName } from "./store.ts";

export const KEY_STORES: readonly KeyStore[] = [
  keychainStore,
  passStore,
  encryptedFileStore,
  credentialsFileStore,
];

export function isKeyStoreName(name: string): name is KeyStoreName {
  return (KEY_STORE_NAMES as readonly string[]).includes(name);
}

export function keyStore(name: KeyStoreName): KeyStore {
  return KEY_STORES.find((store) => store.name === name)!;
}

/** A store named by a person (flag or config); a usage error lists the names. */
export function keyStoreNamed(name: string, from: string): KeyStore {
  if (isKeyStoreName(name)) return keyStore(name);
  throw new UsageError(`Unknown key store "${name}" (${from}).`, {
    hint: `Key stores: ${KEY_STORE_NAMES.join(", ")}.`,
  });
}
