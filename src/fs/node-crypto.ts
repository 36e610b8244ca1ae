/**
 * SHA-256 and random bytes from node:crypto, loaded on first use. Loading node:crypto costs
 * ~2 ms of start-up, and the cached login (which only reads files) never needs it; a static
 * import in any module of its graph (temp files, lock records, the reuse guard) would load it
 * anyway. `require` is synchronous, so callers stay as they were; the bundler keeps the call
 * lazy (import.meta.require in the compiled binary).
 */
type NodeCrypto = typeof import("node:crypto");

let loaded: NodeCrypto | undefined;

/** node:crypto itself, for the few that need more than these two (the encrypted key file). */
export function nodeCrypto(): NodeCrypto {
  loaded ??= require("node:crypto") as NodeCrypto;
  return loaded;
}

/** Hex SHA-256 of `text` (UTF-8). */
export function sha256Hex(text: string): string {
  return nodeCrypto().createHash("sha256").update(text).digest("hex");
}

/** `bytes` random bytes as hex. */
export function randomHex(bytes: number): string {
  return nodeCrypto().randomBytes(bytes).toString("hex");
}
