/**
 * node:crypto, loaded on first use, for the encrypted key file (scrypt, AES-GCM). Loading it
 * costs ~2 ms of start-up; hashes and random bytes come from system/hashes.ts, which needs no
 * node:crypto on Bun. `require` is synchronous, so callers stay as they were; the bundler
 * keeps the call lazy (import.meta.require in the compiled binary).
 */
type NodeCrypto = typeof import("node:crypto");

let loaded: NodeCrypto | undefined;

/** node:crypto itself (the encrypted key file). */
export function nodeCrypto(): NodeCrypto {
  loaded ??= require("node:crypto") as NodeCrypto;
  return loaded;
}
