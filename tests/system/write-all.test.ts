/** writeAll: the string is written once, whole, whatever it holds. */
import { afterAll, describe, expect, test } from "bun:test";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { utf8Length, writeAll } from "../../src/system/write-all.ts";

const folder = mkdtempSync(join(tmpdir(), "awsmfa-write-all-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const texts = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  // Lone and paired surrogates, which the encoders write as U+FFFD or as one 4-byte character.
  fc
    .array(fc.constantFrom("\ud83d", "\ude00", "\ud83d\ude00", "a", "é", "€"))
    .map((p) => p.join("")),
);

/** Texts past 4096 characters, whose length writeAll counts natively (list's pieces). */
const longTexts = fc
  .tuple(texts, fc.integer({ min: 4096, max: 20_000 }))
  .map(([text, length]) => (text || "x").repeat(Math.ceil(length / Math.max(1, text.length))));

describe("writeAll", () => {
  test("utf8Length is the length TextEncoder makes", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 3000 },
    );
  });

  /** Every text of `arbitrary`, written to a file, is exactly its UTF-8 bytes, once. */
  function writesExactly(arbitrary: typeof texts, name: string, numRuns: number): void {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const path = join(folder, name);
        const fd = openSync(path, "w");
        try {
          writeAll(fd, text);
        } finally {
          closeSync(fd);
        }
        expect(readFileSync(path)).toEqual(Buffer.from(new TextEncoder().encode(text)));
      }),
      { numRuns },
    );
  }

  test("writes exactly the encoded text, once", () => {
    writesExactly(texts, "out", 300);
  });

  test("writes a long text exactly once too", () => {
    writesExactly(longTexts, "long", 100);
  });
});

/** The text of `function NAME(...) {...}` in a module's source, its comments left out. */
function functionSource(source: string, name: string): string {
  const start = source.indexOf(`function ${name}(`);
  const end = source.indexOf("\n}\n", start);
  if (start < 0 || end < 0) throw new Error(`no function ${name} in the source`);
  return source
    .slice(start, end)
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
}

describe("what every cached run executes", () => {
  // JavaScriptCore looks up the globals a function names when it first runs the function, and
  // Bun makes Buffer and TextEncoder at their first lookup: ~0.4 ms of a cached login, for a
  // branch it never takes (docs/performance.md).
  test("writeAll and byteLength name no global that Bun makes on first use", () => {
    const source = readFileSync(join(import.meta.dir, "../../src/system/write-all.ts"), "utf8");
    for (const name of ["writeAll", "byteLength"]) {
      expect(functionSource(source, name)).not.toMatch(/\b(Buffer|TextEncoder|TextDecoder)\b/);
    }
  });
});
