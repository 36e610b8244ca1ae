/**
 * The explicit list of key stores (as otp/registry.ts lists the code sources): no store
 * registers itself by being imported. Order is the order offered to people: the OS store
 * first, plaintext last.
 */
import { credentialsFileStore } from "./credentials-file.ts";
import { encryptedFileStore } from "./encrypted-file.ts";
import { keychainStore } from "./keychain.ts";
import { passStore } from "./pass.ts";
import type { KeyStore, KeyStoreName } from "./store.ts";

export const KEY_STORES: readonly KeyStore[] = [
  keychainStore,
  passStore,
  encryptedFileStore,
  credentialsFileStore,
];

export function keyStore(name: KeyStoreName): KeyStore {
  return KEY_STORES.find((store) => store.name === name)!;
}
