/**
 * The devices of the cached sessions as a hash table over their UTF-8 bytes, for `list`'s
 * check of each row's device against them (ListedSessions.mayHold*): one probe per row
 * however many devices there are. A loop over the devices cost 1,000 devices at 100,000
 * profiles 10^8 comparisons (~150 ms of CPU), 5,000 devices ~650 ms. The C loop of the fast
 * table probes the same table (list-rows-c.ts list_found, deviceHash there is this hash).
 *
 * The hash is FNV-1a (32 bits) over the bytes; the slots hold a device's number + 1, 0 for
 * none, probed one after the other from the hash's slot (at most half of them are taken).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class DeviceTable {
  /** Every device's bytes, one after the other. */
  readonly bytes: Uint8Array;
  /** Where device i's bytes end (they start where device i - 1's end). */
  readonly ends: Int32Array;
  /** A power of two of slots, each 0 or a device's number + 1. */
  readonly slots: Int32Array;
  readonly count: number;

  constructor(devices: readonly string[]) {
    const each = devices.map((device) => Buffer.from(device, "utf8"));
    this.count = each.length;
    // One byte at least: an empty array would reach C as a null pointer
    this.bytes = each.length > 0 ? Buffer.concat([...each, ONE]) : new Uint8Array(1);
    this.ends = new Int32Array(Math.max(1, each.length));
    let size = 2;
    while (size < 2 * each.length) size *= 2;
    this.slots = new Int32Array(size);
    let end = 0;
    for (let i = 0; i < each.length; i++) {
      const start = end;
      end += each[i]!.length;
      this.ends[i] = end;
      let slot = hashOf(this.bytes, start, end) & (size - 1);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.slots[slot] = i + 1;
    }
  }

  /** Whether b[start .. start + length) is one of the devices' bytes. */
  has(b: Uint8Array, start: number, length: number): boolean {
    const { slots, ends, bytes } = this;
    const mask = slots.length - 1;
    for (let slot = hashOf(b, start, start + length) & mask; slots[slot] !== 0; ) {
      const i = slots[slot]! - 1;
      const first = i === 0 ? 0 : ends[i - 1]!;
      if (ends[i]! - first === length && sameBytes(bytes, first, b, start, length)) return true;
      slot = (slot + 1) & mask;
    }
    return false;
  }
}

const ONE = new Uint8Array(1);

/** FNV-1a over b[start .. end), as an unsigned 32-bit number. */
function hashOf(b: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME) >>> 0;
  return h;
}

function sameBytes(a: Uint8Array, at: number, b: Uint8Array, start: number, length: number) {
  for (let j = 0; j < length; j++) if (a[at + j] !== b[start + j]) return false;
  return true;
}
