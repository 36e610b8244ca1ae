/**
 * system/hashes.ts gives the bytes node:crypto gives, on both of its paths (Bun's native
 * hasher, and node:crypto where there is no Bun): lock and cache file names, the reuse guard's
 * digest and SigV4's signatures depend on it. Its Sha256 behaves as the SDK's own Sha256Node
 * (@smithy/core/checksum), which it replaces in every STS and IAM client.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createHash, createHmac } from "node:crypto";
import { Sha256Node } from "@smithy/core/checksum";
import fc from "fast-check";
import { randomHex, Sha256, sha256Hex, useHasher } from "../../src/system/hashes.ts";

const nodeHex = (text: string) => createHash("sha256").update(text).digest("hex");
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

afterEach(() => useHasher(Bun.CryptoHasher));

/** Texts that matter: empty, ASCII, 2-, 3- and 4-byte UTF-8, lone surrogates, long. */
const TEXTS = [
  "",
  "a",
  "abc",
  "laptop",
  "arn:aws:iam::123456789012:mfa/alice",
  "AKIAIOSFODNN7EXAMPLE\narn:aws:iam::123456789012:mfa/bob",
  "é",
  "€uro",
  "😀 emoji",
  "日本語のホスト名",
  "lone \uD800 high",
  "lone \uDC00 low",
  "ends high \uD83D",
  "\uDBFF\uDFFF max",
  "x".repeat(55),
  "x".repeat(56),
  "x".repeat(64),
  "x".repeat(1_000_000),
  "ü".repeat(100_000),
];

describe.each([
  ["Bun.CryptoHasher", Bun.CryptoHasher],
  ["node:crypto", undefined],
] as const)("on the %s path", (_name, hasher) => {
  test("sha256Hex is node:crypto's hex SHA-256 of the UTF-8 text", () => {
    useHasher(hasher);
    for (const text of TEXTS)
      expect([text.slice(0, 20), sha256Hex(text)]).toEqual([text.slice(0, 20), nodeHex(text)]);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeHex(text));
      }),
      { numRuns: 500 },
    );
  });

  test("known answers (FIPS 180-2, RFC 4231 with a key longer than the block)", async () => {
    useHasher(hasher);
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    const key = new Uint8Array(131).fill(0xaa);
    const hmac = new Sha256(key);
    hmac.update(new TextEncoder().encode("Test Using Larger Than Block-Size Key - Hash Key First"));
    expect(hex(await hmac.digest())).toBe(
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    );
  });

  test("Sha256 without a key: node:crypto's digest, over any split of the data", async () => {
    useHasher(hasher);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 6 }),
        async (chunks) => {
          const ours = new Sha256();
          const node = createHash("sha256");
          for (const chunk of chunks) {
            ours.update(chunk);
            node.update(chunk);
          }
          expect(hex(await ours.digest())).toBe(node.digest("hex"));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("Sha256 with a key: node:crypto's HMAC, for keys of every kind and length", async () => {
    useHasher(hasher);
    const keyLengths = [1, 32, 63, 64, 65, 128, 200, 1000];
    for (const length of keyLengths) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
      const text = "ķ€y".repeat(length);
      const forms: [string, ConstructorParameters<typeof Sha256>[0], Buffer | string][] = [
        ["bytes", bytes, Buffer.from(bytes)],
        ["text", text, text],
        ["ArrayBuffer", bytes.slice().buffer, Buffer.from(bytes)],
        ["DataView", new DataView(bytes.buffer, 0, length), Buffer.from(bytes)],
        // A view into a larger buffer: only its own bytes are the key.
        [
          "offset view",
          new Uint8Array([9, 9, ...bytes, 9]).subarray(2, 2 + length),
          Buffer.from(bytes),
        ],
      ];
      for (const [form, key, nodeKey] of forms) {
        const ours = new Sha256(key);
        ours.update(new TextEncoder().encode("AWS4-HMAC-SHA256\n20261207T000000Z"));
        ours.update(new Uint8Array(0));
        ours.update(new TextEncoder().encode("ünïcode ✓"));
        const node = createHmac("sha256", nodeKey)
          .update("AWS4-HMAC-SHA256\n20261207T000000Z")
          .update("ünïcode ✓");
        expect([length, form, hex(await ours.digest())]).toEqual([
          length,
          form,
          node.digest("hex"),
        ]);
      }
    }
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.uint8Array(),
        async (key, data) => {
          const ours = new Sha256(key);
          ours.update(data);
          expect(hex(await ours.digest())).toBe(
            createHmac("sha256", key).update(data).digest("hex"),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  test("Sha256 behaves as the SDK's Sha256Node: digest, more data, reset, finished HMAC", async () => {
    useHasher(hasher);
    const sdk = Sha256Node as unknown as typeof Sha256;
    for (const Kind of [Sha256, sdk]) {
      // A hash stays open after its digest; its next digest covers all data so far.
      const hash = new Kind();
      hash.update(new TextEncoder().encode("one"));
      const first = hex(await hash.digest());
      hash.update(new TextEncoder().encode("two"));
      expect([first, hex(await hash.digest())]).toEqual([nodeHex("one"), nodeHex("onetwo")]);
      hash.reset();
      expect(hex(await hash.digest())).toBe(nodeHex(""));
      // An empty string is no key: a plain hash.
      const noKey = new Kind("");
      noKey.update(new TextEncoder().encode("x"));
      expect(hex(await noKey.digest())).toBe(nodeHex("x"));
      // An empty byte key is a key.
      const emptyKey = new Kind(new Uint8Array(0));
      emptyKey.update(new TextEncoder().encode("x"));
      expect(hex(await emptyKey.digest())).toBe(
        createHmac("sha256", Buffer.alloc(0)).update("x").digest("hex"),
      );
      // An HMAC is finished after its digest until reset.
      const hmac = new Kind("key");
      hmac.update(new TextEncoder().encode("x"));
      await hmac.digest();
      expect(() => hmac.update(new TextEncoder().encode("y"))).toThrow(
        "Attempted to update an already finished hash.",
      );
      hmac.reset();
      hmac.update(new TextEncoder().encode("y"));
      expect(hex(await hmac.digest())).toBe(createHmac("sha256", "key").update("y").digest("hex"));
      expect(new Kind().digestLength).toBe(32);
    }
  });
});

test("digests are plain Uint8Arrays of 32 bytes, as the SDK's", async () => {
  const digest = await new Sha256("k").digest();
  expect(digest.constructor).toBe(Uint8Array);
  expect(digest.byteLength).toBe(32);
});

test("randomHex: lowercase hex of the bytes asked for, different each time", () => {
  for (const bytes of [0, 1, 6, 8, 16, 32])
    expect(randomHex(bytes)).toMatch(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
  const seen = new Set(Array.from({ length: 200 }, () => randomHex(8)));
  expect(seen.size).toBe(200);
  // Every byte value shows up: the bytes are hexed one by one, zero-padded.
  const all = randomHex(20_000);
  expect(new Set(all.match(/../g)).size).toBe(256);
});
