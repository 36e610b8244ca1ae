/**
 * A fast, stable 128-bit digest (four FNV-1a lanes with different offsets) for naming cache
 * files after a key id and a device. It is not a security boundary: the names only need to be
 * unique and not spell out the key id. node:crypto would do as well, but costs ~2 ms to load
 * on the cached path.
 */
const OFFSETS = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
const PRIME = 0x01000193;

export function digest128(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // Plain loops: this runs on every cached login, before the interpreter has warmed up.
  let digest = "";
  for (let lane = 0; lane < OFFSETS.length; lane++) {
    let hash = OFFSETS[lane]! >>> 0;
    const shift = 13 + lane;
    for (let i = 0; i < bytes.length; i++) {
      hash ^= bytes[i]!;
      hash = Math.imul(hash, PRIME) >>> 0;
      hash = (hash ^ (hash >>> shift)) >>> 0;
    }
    digest += hash.toString(16).padStart(8, "0");
  }
  return digest;
}
