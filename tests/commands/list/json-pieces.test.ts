/**
 * `list --json` is made as bytes a piece at a time (src/commands/list/json-pieces.ts) instead
 * of JSON.stringify of each row: its text must be JSON.stringify(rows, null, 2)'s, byte for
 * byte, for any text a name or value can hold, and it must go out in bounded pieces, each a
 * whole string (no UTF-8 sequence split between two).
 */
import { expect, test } from "bun:test";
import fc from "fast-check";
import {
  type Found,
  writeJson,
  writeJsonBytes,
  writeJsonStrings,
} from "../../../src/commands/list/write.ts";
import type { ProfileKind, ProfileSummary } from "../../../src/profiles/inventory.ts";
import { secondsLeft } from "../../../src/session/cache.ts";

const NOW = Date.UTC(2026, 0, 1);
const KINDS: ProfileKind[] = ["long-term", "session", "role", "other"];

/** What list --json printed before: JSON.stringify of the rows as objects. */
function expected(rows: ProfileSummary[], found: Found[]): string {
  if (rows.length === 0) return "[]\n";
  const objects = rows.map((row, i) => {
    const own = found[i];
    const left = own ? secondsLeft(own.session, NOW) : 0;
    return {
      name: row.name,
      kind: row.kind,
      longTermProfile: row.longTermProfile ?? null,
      mfaSerial: row.serial ?? null,
      region: row.region ?? null,
      session:
        own === undefined
          ? null
          : own === null
            ? { state: "none" }
            : {
                state: left > 0 ? "valid" : "expired",
                expiration: own.session.expiration.toISOString().replace(/\.000Z$/, "Z"),
                secondsLeft: Math.max(0, left),
                source: own.source,
              },
    };
  });
  return `${JSON.stringify(objects, null, 2)}\n`;
}

function written(rows: ProfileSummary[], found: Found[], writer = writeJson): string[] {
  const pieces: string[] = [];
  writer(rows, found, NOW, {
    io: { stdout: { write: (text: string) => pieces.push(text) } },
  } as never);
  return pieces;
}

const session = (ms: number, source: "file" | "cache"): Found => ({
  session: {
    accessKeyId: "ASIA",
    secretAccessKey: "s",
    sessionToken: "t",
    expiration: new Date(NOW + ms),
  },
  source,
});

// Any UTF-16 text: quotes, backslashes, control characters, DEL, U+2028, astral characters,
// lone surrogates (JSON.stringify escapes them).
const text = fc.string({ unit: "binary", maxLength: 40 });
const row = fc.record({
  name: text,
  kind: fc.constantFrom(...KINDS),
  longTermProfile: fc.option(text, { nil: undefined }),
  serial: fc.option(text, { nil: undefined }),
  region: fc.option(text, { nil: undefined }),
});
const found = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc
    .tuple(fc.integer({ min: -5e9, max: 5e9 }), fc.constantFrom("file" as const, "cache" as const))
    .map(([ms, source]) => session(ms * 1000, source)),
);

test("the JSON is JSON.stringify(rows, null, 2)'s for any text in a row, both ways", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(row, found), { maxLength: 30 }), (pairs) => {
      const rows = pairs.map(([r]) => ({ ...r, cacheKey: undefined }) as ProfileSummary);
      const own = pairs.map(([, f]) => f);
      const text = expected(rows, own);
      expect(written(rows, own).join("")).toBe(text);
      if (rows.length === 0) return;
      expect(written(rows, own, writeJsonBytes).join("")).toBe(text);
      expect(written(rows, own, writeJsonStrings).join("")).toBe(text);
    }),
    { numRuns: 300 },
  );
});

test("a large list goes out in bounded pieces, each whole, even with texts larger than a piece", () => {
  const rows: ProfileSummary[] = [];
  const own: Found[] = [];
  for (let i = 0; i < 25_000; i++) {
    rows.push({
      name: i % 1000 === 7 ? `名前-${"é".repeat(50_000)}-${i}` : `p${i}`,
      kind: KINDS[i % 4]!,
      longTermProfile: i % 3 ? `p${i}-long-term` : undefined,
      serial: i % 5 ? `arn:aws:iam::123456789012:mfa/p${i}` : undefined,
      region: i % 2 ? "eu-west-1" : undefined,
      cacheKey: undefined,
    });
    own.push(i % 4 === 0 ? undefined : i % 4 === 1 ? null : session((i - 10_000) * 1000, "cache"));
  }
  const pieces = written(rows, own);
  expect(pieces.join("")).toBe(expected(rows, own));
  expect(pieces.length).toBeGreaterThan(50);
  // A piece is written once ~64 KB are made: at most that and one text more (the long names).
  const encoder = new TextEncoder();
  for (const piece of pieces) {
    expect(piece.includes("\uFFFD")).toBe(false);
    expect(encoder.encode(piece).length).toBeLessThan((1 << 17) + 3 * 50_100);
  }
});

test("a long list of printable ASCII rows is made without a JSON.stringify per row (the garbage at 100,000)", () => {
  const rows: ProfileSummary[] = [];
  // Long lists: the short ones are made a string per row (write.ts JSON_BYTES_FROM)
  for (let i = 0; i < 20_000; i++) {
    rows.push({
      name: `p${i}`,
      kind: "session",
      longTermProfile: `p${i}-long-term`,
      serial: `arn:aws:iam::123456789012:mfa/p${i}`,
      region: "eu-west-1",
      cacheKey: undefined,
    });
  }
  const own: Found[] = rows.map((_, i) => (i % 2 ? null : undefined));
  const stringify = JSON.stringify;
  let calls = 0;
  JSON.stringify = ((...args: Parameters<typeof stringify>) => {
    calls++;
    return stringify(...args);
  }) as typeof stringify;
  let text: string;
  try {
    text = written(rows, own).join("");
  } finally {
    JSON.stringify = stringify;
  }
  expect(calls).toBe(0);
  expect(text).toBe(expected(rows, own));
});
