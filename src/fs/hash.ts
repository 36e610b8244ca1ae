/**
 * A fast, stable 128-bit digest (four FNV-1a lanes with different offsets) for naming cache
 * files after a key id and a device. It is not a security boundary: the names only need to be
 * unique and not spell out the key id. node:crypto would do as well, but costs ~2 ms to load
 * on the cached path.
 *
 * The lanes run over the text's UTF-8 bytes, encoded here by hand rather than by TextEncoder:
 * the encoder costs every cached login ~0.3 MiB (see docs/performance.md), and key ids and
 * serials are ASCII, whose characters are their own bytes.
 */
const OFFSETS = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];
const PRIME = 0x01000193;

/** The UTF-8 bytes of a text's non-ASCII tail; grown when a longer one comes. */
let scratch = new Uint8Array(0);

export function digest128(text: string): string {
  // Plain loops (this runs on every cached login, before the interpreter has warmed up), and
  // the four lanes in one pass over the bytes (the same values as four passes). `list` names
  // a cache file for each of up to 100,000 profiles: 100k calls take ~80 ms.
  let a = OFFSETS[0]! >>> 0;
  let b = OFFSETS[1]! >>> 0;
  let c = OFFSETS[2]! >>> 0;
  let d = OFFSETS[3]! >>> 0;
  let i = 0;
  for (; i < text.length; i++) {
    const byte = text.charCodeAt(i);
    if (byte >= 0x80) break;
    a = Math.imul(a ^ byte, PRIME) >>> 0;
    a = (a ^ (a >>> 13)) >>> 0;
    b = Math.imul(b ^ byte, PRIME) >>> 0;
    b = (b ^ (b >>> 14)) >>> 0;
    c = Math.imul(c ^ byte, PRIME) >>> 0;
    c = (c ^ (c >>> 15)) >>> 0;
    d = Math.imul(d ^ byte, PRIME) >>> 0;
    d = (d ^ (d >>> 16)) >>> 0;
  }
  // The rest from its first non-ASCII character: the same four steps over its bytes.
  const length = i < text.length ? encodeUtf8(text, i) : 0;
  for (let j = 0; j < length; j++) {
    const byte = scratch[j]!;
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

/**
 * text[from..] in UTF-8 into `scratch`, as TextEncoder encodes it (a lone surrogate becomes
 * U+FFFD, EF BF BD); returns the number of bytes. At most 3 bytes per UTF-16 unit.
 */
function encodeUtf8(text: string, from: number): number {
  const most = (text.length - from) * 3;
  if (scratch.length < most) scratch = new Uint8Array(Math.max(most, 256));
  const bytes = scratch;
  let n = 0;
  for (let i = from; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[n++] = code;
      continue;
    }
    if (code < 0x800) {
      bytes[n++] = 0xc0 | (code >> 6);
      bytes[n++] = 0x80 | (code & 0x3f);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = code <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (low < 0xdc00 || low > 0xdfff) code = 0xfffd;
      else {
        i++;
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        bytes[n++] = 0xf0 | (code >> 18);
        bytes[n++] = 0x80 | ((code >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[n++] = 0x80 | (code & 0x3f);
        continue;
      }
    }
    bytes[n++] = 0xe0 | (code >> 12);
    bytes[n++] = 0x80 | ((code >> 6) & 0x3f);
    bytes[n++] = 0x80 | (code & 0x3f);
  }
  return n;
}

/** Eight hex digits (a lane is 0 .. 2^32 - 1); not padStart: see formatDuration (durations.ts). */
function hex(lane: number): string {
  return (lane + 0x100000000).toString(16).slice(1);
}
