/**
 * Names numbered in the order they were first added (0, 1, 2, ...), found by a range of a
 * text without cutting it out: `list` meets each of 100,000 profile names in a header and
 * asks for name + "-long-term" and the like, and a Map would need a new string for every
 * question and a heap cell for every name (~0.5 µs each here, a third of `list`'s time).
 * An open-addressed table in an Int32Array: each slot holds a name's ordinal and its hash side
 * by side, so that a probe that meets another name rarely reads more than that slot.
 */
import { belowTopTier } from "../system/below-top-tier.ts";

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export class NameTable {
  /** Ordinal -> name. */
  readonly names: string[] = [];
  private readonly hashes: number[] = [];
  /** Slot i: ordinal at [2i] (EMPTY: none), hash at [2i + 1]. */
  private slots: Int32Array;
  private mask: number;

  /** `expected`: about how many names will be added (the table grows past it). */
  constructor(expected = 256) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 2).fill(EMPTY);
  }

  get size(): number {
    return this.names.length;
  }

  /** The ordinal of text[from, to) + `tail`, or -1 when there is no such name. */
  find(text: string, from: number, to: number, tail = ""): number {
    return this.probe(text, from, to, tail, hashOf(text, from, to, tail));
  }

  /** The ordinal of text[from, to), added when new. */
  add(text: string, from: number, to: number): number {
    const hash = hashOf(text, from, to, "");
    const found = this.probe(text, from, to, "", hash);
    if (found !== EMPTY) return found;
    const ordinal = this.names.length;
    this.names.push(text.slice(from, to));
    this.hashes.push(hash);
    if (ordinal * 2 >= this.mask) this.grow();
    else this.place(ordinal, hash);
    return ordinal;
  }

  /** The ordinal of `name`, added when new. */
  addName(name: string): number {
    return this.add(name, 0, name.length);
  }

  private probe(text: string, from: number, to: number, tail: string, hash: number): number {
    const length = to - from + tail.length;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const ordinal = this.slots[2 * at]!;
      if (ordinal === EMPTY) return EMPTY;
      if (this.slots[2 * at + 1] !== hash) continue;
      const name = this.names[ordinal]!;
      if (name.length !== length) continue;
      if (tail === "" ? text.startsWith(name, from) : sameName(name, text, from, to, tail)) {
        return ordinal;
      }
    }
  }

  private place(ordinal: number, hash: number): void {
    let at = hash & this.mask;
    while (this.slots[2 * at] !== EMPTY) at = (at + 1) & this.mask;
    this.slots[2 * at] = ordinal;
    this.slots[2 * at + 1] = hash;
  }

  /** Twice the slots, so that at most half are taken (short probes). */
  private grow(): void {
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array((this.mask + 1) * 2).fill(EMPTY);
    for (let ordinal = 0; ordinal < this.names.length; ordinal++) {
      this.place(ordinal, this.hashes[ordinal]!);
    }
  }

  static {
    // ../system/below-top-tier.ts: why
    const { prototype } = NameTable;
    belowTopTier(prototype.find, prototype.add, prototype.probe, prototype.place);
  }
}

/** FNV-1a over the UTF-16 code units of text[from, to) + tail. */
function hashOf(text: string, from: number, to: number, tail: string): number {
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  for (let i = 0; i < tail.length; i++) hash = Math.imul(hash ^ tail.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** Whether `name` (of the right length) is text[from, to) + tail. */
function sameName(name: string, text: string, from: number, to: number, tail: string): boolean {
  if (!name.endsWith(tail)) return false;
  for (let i = from; i < to; i++)
    if (name.charCodeAt(i - from) !== text.charCodeAt(i)) return false;
  return true;
}

belowTopTier(hashOf, sameName);
