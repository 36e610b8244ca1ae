/**
 * A fast, stable 128-bit digest (four FNV-1a lanes with different offsets) for naming cache
 * files after a key id and a device. It is not a security boundary: the names only need to be
 * unique and not spell out the key id. node:crypto would do as well, but costs ~2 ms to load
 * on the cached path.
 */
const OFFSETS = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
const PRIME = 0x01000193;

/** One encoder for every call: `list` names a cache file for each of up to 100,000 profiles. */
const encoder = new TextEncoder();

export function digest128(text: string): string {
  const bytes = encoder.encode(text);
  // Plain loops (this runs on every cached login, before the interpreter has warmed up), and
  // the four lanes in one pass over the bytes (the same values as four passes).
  let a = OFFSETS[0]! >>> 0;
  let b = OFFSETS[1]! >>> 0;
  let c = OFFSETS[2]! >>> 0;
  let d = OFFSETS[3]! >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    a = Math.imul(a ^ byte, PRIME) >>> 0;
    a = (a ^ (a >>> 13)) >>> 0;
    b = Math.imul(b ^ byte, PRIME) >>> 0;
    b = (b ^ (b >>> 14)) >>> 0;
    c = Math.imul(c ^ byte, PRIME) >>> 0;
    c = (c ^ (c >>> 15)) >>> 0;
    d = Math.imul(d ^ byte, PRIME) >>> 0;
    d = (d ^ (d >>> 16)) >>> 0;
  }
  return hex(a) + hex(b) + hex(c) + hex(d);
}

function hex(lane: number): string {
  return lane.toString(16).padStart(8, "0");
}
