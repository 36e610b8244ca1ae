import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { digest128 } from "../../src/fs/hash.ts";

/** The first implementation: the cache files on users' disks are named by it. */
function reference(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35]
    .map((offset, lane) => {
      let hash = offset >>> 0;
      for (const byte of bytes) {
        hash ^= byte;
        hash = Math.imul(hash, 0x01000193) >>> 0;
        hash = (hash ^ (hash >>> (13 + lane))) >>> 0;
      }
      return hash.toString(16).padStart(8, "0");
    })
    .join("");
}

describe("digest128", () => {
  test("names cache files as it always has", () => {
    expect(digest128("AKIAIOSFODNN7EXAMPLE\narn:aws:iam::123456789012:mfa/alice")).toBe(
      "811d09abdb637c620fb4745c36991dc0",
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (text) => {
        expect(digest128(text)).toBe(reference(text));
      }),
      { numRuns: 1_000 },
    );
  });

  test("encodes UTF-8 as TextEncoder does: astral characters, lone surrogates (U+FFFD), long texts", () => {
    // Code units chosen to sit on every UTF-8 boundary, surrogate halves on their own and in
    // pairs, ASCII before and after them, and texts long enough to grow the scratch buffer.
    const edges = [0, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff];
    const unit = fc.oneof(
      fc.constantFrom(...edges, 0xe000, 0xfffd, 0xfeff, 0xffff).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
      fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        expect(digest128(text)).toBe(reference(text));
      }),
      { numRuns: 3_000 },
    );
    for (const text of [
      "",
      "\ud800",
      "\udc00",
      "a\ud800",
      "\ud800\ud800\udc00",
      "\udbff\udfff",
      "\udc00\ud800",
    ]) {
      expect(digest128(text)).toBe(reference(text));
    }
    const long = `AKIA${"x".repeat(5_000)}\u00e9${"\ud83d\ude00".repeat(3_000)}\ud800`;
    expect(digest128(long)).toBe(reference(long));
    expect(digest128("é".repeat(10))).toBe(reference("é".repeat(10))); // after a longer one
  });

  test("is 32 hex digits, stable, and does not contain its input", () => {
    const d = digest128("AKIAIOSFODNN7EXAMPLE\narn:aws:iam::123456789012:mfa/alice");
    expect(d).toMatch(/^[0-9a-f]{32}$/);
    expect(d).toBe(digest128("AKIAIOSFODNN7EXAMPLE\narn:aws:iam::123456789012:mfa/alice"));
    expect(d).not.toContain("AKIA");
  });

  test("names cache files as it always has (the one-pass version gives the four-pass values)", () => {
    // Pinned from the four-pass implementation: a changed digest would orphan every cache file.
    expect(digest128("AKIAIOSFODNN7EXAMPLE\narn:aws:iam::123456789012:mfa/alice")).toBe(
      "811d09abdb637c620fb4745c36991dc0",
    );
    expect(digest128("é€😀\n")).toBe("2951c6ccf2f5296d80a9df0d7e735124");
  });

  test("different inputs give different digests (no collision in 20 000 random key/device pairs)", () => {
    const seen = new Map<string, string>();
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (text) => {
        const d = digest128(text);
        const before = seen.get(d);
        if (before !== undefined && before !== text) return false;
        seen.set(d, text);
        return true;
      }),
      { numRuns: 20_000 },
    );
    // Near neighbours: one character apart.
    expect(digest128("AKIAAAAAAAAAAAAAAAAA\nx")).not.toBe(digest128("AKIAAAAAAAAAAAAAAAAB\nx"));
  });
});
