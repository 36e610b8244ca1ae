/**
 * The profile names of list-scan.ts, numbered in the order they are first met, kept as
 * places in the texts (file, start, end) and found by a range of a text: no string per name.
 * ini/name-table.ts does the same for strings; here the names are not cut out at all, so
 * that JavaScriptCore never makes (and resolves) 100,000 substrings (docs/performance.md).
 * An open-addressed table of ordinal + 1 (0: empty) beside each name's hash.
 */
import { belowTopTier } from "../system/below-top-tier.ts";

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export class ListNames {
  size = 0;
  /** Ordinal -> the file (0 config, 1 credentials) and the range its name is at. */
  file: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  hashes: Int32Array;
  /** The table: ordinal + 1 per slot (list-scan-native.ts fills it as add() does). */
  slots: Int32Array;
  mask: number;
  /**
   * Set by list-scan-native.ts's C scan, for its C loops (list-rows-c.ts): how many names the
   * config file has (they are numbered first), and 1 for each name the credentials file has.
   */
  configSize = 0;
  present: Uint8Array | undefined;
  /** The bytes names are read from, by file (set by add). */
  private readonly bytes: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];

  /** `expected`: about how many names will be added (the tables grow past it). */
  constructor(expected: number) {
    const room = Math.max(256, Math.ceil(expected));
    this.file = new Uint8Array(room);
    this.start = new Int32Array(room);
    this.end = new Int32Array(room);
    this.hashes = new Int32Array(room);
    let slots = 1024;
    while (slots < room * 2) slots *= 2;
    this.mask = slots - 1;
    this.slots = new Int32Array(slots);
  }

  /**
   * The name of `ordinal`, as a string (for the rare questions that need one): its bytes,
   * each a character (the files list-scan.ts reads are ASCII).
   */
  name(ordinal: number): string {
    const b = this.bytes[this.file[ordinal]!]!;
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString(
      "latin1",
      this.start[ordinal]!,
      this.end[ordinal]!,
    );
  }

  /**
   * For list-scan-native.ts, which adds names itself: the bytes of `file`'s names, and room
   * for one more name (the tables grown and the slots made more as add() would).
   */
  useBytes(file: number, b: Uint8Array): void {
    this.bytes[file] = b;
  }

  bytesOf(file: number): Uint8Array {
    return this.bytes[file]!;
  }

  makeRoom(): void {
    if (this.size >= this.file.length) this.grow();
    if (this.size * 2 >= this.mask) this.rehash();
  }

  /** The ordinal of b[from, to) of `file` (whose text is `text`), added when new. */
  add(b: Uint8Array, file: number, from: number, to: number): number {
    this.bytes[file] = b;
    let hash = FNV_OFFSET;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ b[i]!, FNV_PRIME);
    // probe() and place() written in: one call per header instead of three (a call is what
    // costs in the tiers a first run spends its start in)
    const { slots, mask, hashes, start, end } = this;
    let at = hash & mask;
    for (; ; at = (at + 1) & mask) {
      const ordinal = slots[at]! - 1;
      if (ordinal < 0) break;
      if (hashes[ordinal] !== hash || end[ordinal]! - start[ordinal]! !== to - from) continue;
      const name = this.bytes[this.file[ordinal]!]!;
      const offset = start[ordinal]! - from;
      let i = from;
      while (i < to && name[i + offset] === b[i]) i++;
      if (i === to) return ordinal;
    }
    const ordinal = this.size++;
    if (ordinal >= this.file.length) this.grow();
    this.file[ordinal] = file;
    this.start[ordinal] = from;
    this.end[ordinal] = to;
    this.hashes[ordinal] = hash;
    // `at` is the empty slot the probe ended at
    if (ordinal * 2 >= mask) this.rehash();
    else slots[at] = ordinal + 1;
    return ordinal;
  }

  /** The ordinal of b[from, to), or -1 when there is no such name. */
  find(b: Uint8Array, from: number, to: number): number {
    let hash = FNV_OFFSET;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ b[i]!, FNV_PRIME);
    return this.probe(b, from, to, hash);
  }

  /** The ordinal of `name` (any string), or -1. */
  findName(name: string): number {
    const b = Buffer.from(name, "utf8");
    // A name of other characters than ASCII is none of these (they are ASCII: list-scan.ts)
    return b.length === name.length ? this.find(b, 0, b.length) : -1;
  }

  private probe(b: Uint8Array, from: number, to: number, hash: number): number {
    const { slots, mask, hashes, start, end } = this;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const ordinal = slots[at]! - 1;
      if (ordinal < 0) return -1;
      if (hashes[ordinal] !== hash || end[ordinal]! - start[ordinal]! !== to - from) continue;
      const name = this.bytes[this.file[ordinal]!]!;
      const offset = start[ordinal]! - from;
      let i = from;
      while (i < to && name[i + offset] === b[i]) i++;
      if (i === to) return ordinal;
    }
  }

  private place(ordinal: number, hash: number): void {
    let at = hash & this.mask;
    while (this.slots[at] !== 0) at = (at + 1) & this.mask;
    this.slots[at] = ordinal + 1;
  }

  private grow(): void {
    const room = this.file.length * 2;
    const file = new Uint8Array(room);
    file.set(this.file);
    this.file = file;
    for (const key of ["start", "end", "hashes"] as const) {
      const more = new Int32Array(room);
      more.set(this[key]);
      this[key] = more;
    }
  }

  /** Twice the slots, so that at most half are taken (short probes). */
  private rehash(): void {
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(this.mask + 1);
    for (let ordinal = 0; ordinal < this.size; ordinal++)
      this.place(ordinal, this.hashes[ordinal]!);
  }

  static {
    // ../system/below-top-tier.ts: why
    const { prototype: p } = ListNames;
    belowTopTier(p.add, p.find, p.probe, p.place);
  }
}
