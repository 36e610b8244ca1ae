/**
 * aws/sdk-utf8.ts against @smithy/core/serde's own fromUtf8, toUtf8 and toUint8Array (the
 * package's Node files, on Buffer): the same bytes for every string, lone surrogates included,
 * the same text for every byte sequence, invalid ones and a leading byte-order mark included,
 * and the same errors for what they refuse.
 */
import { expect, test } from "bun:test";
import { join } from "node:path";
import fc from "fast-check";
import { fromUtf8, toUint8Array, toUtf8 } from "../../src/aws/sdk-utf8.ts";
import { ORACLE_RUNS, oracleTexts } from "../support/oracle-strings.ts";
import { SMITHY_SUBMODULES } from "../support/smithy-sources.ts";

const UTF8 = join(SMITHY_SUBMODULES, "serde", "util-utf8");
const theirs = {
  ...(await import(join(UTF8, "fromUtf8.js"))),
  ...(await import(join(UTF8, "toUtf8.js"))),
  ...(await import(join(UTF8, "toUint8Array.js"))),
} as {
  fromUtf8: (input: unknown) => Uint8Array;
  toUtf8: (input: unknown) => string;
  toUint8Array: (input: unknown) => Uint8Array;
};

/** What a call answers: its value, or the class and message of what it threw. */
function outcome(call: () => unknown): unknown {
  try {
    const value = call();
    return { value: value instanceof Uint8Array ? ["bytes", ...value] : value };
  } catch (error) {
    return { threw: [(error as Error).constructor.name, (error as Error).message] };
  }
}

test("fromUtf8 and toUint8Array make the package's bytes of every string", () => {
  const examples = ["", "Action=GetSessionToken&Version=2011-06-15", "h\u00e9llo", "\u{1f600}"];
  fc.assert(
    fc.property(oracleTexts(examples), (text) => {
      expect(outcome(() => fromUtf8(text))).toEqual(outcome(() => theirs.fromUtf8(text)));
      expect(outcome(() => toUint8Array(text))).toEqual(outcome(() => theirs.toUint8Array(text)));
    }),
    { numRuns: ORACLE_RUNS },
  );
  // Lone surrogates, at either end and together.
  for (const text of ["\ud800", "a\udfff", "\udc00\ud800", "\ud83d", "x\ud83d\ude00y\ud83d"]) {
    expect(outcome(() => fromUtf8(text))).toEqual(outcome(() => theirs.fromUtf8(text)));
  }
});

test("toUtf8 reads every byte sequence as the package does", () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    // Mostly well-formed text, with a byte changed here and there.
    fc
      .tuple(
        fc.string({ unit: "binary", maxLength: 32 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
      )
      .map(([text, at, byte]) => {
        const encoded = new TextEncoder().encode(text);
        if (encoded.length > 0) encoded[at % encoded.length] = byte;
        return encoded;
      }),
  );
  fc.assert(
    fc.property(bytes, (input) => {
      expect(toUtf8(input)).toBe(theirs.toUtf8(input));
    }),
    { numRuns: ORACLE_RUNS },
  );
  const edges = [
    [0xef, 0xbb, 0xbf, 0x41], // a byte-order mark, which Buffer keeps
    [0xef, 0xbb, 0xbf],
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80], // an encoded surrogate
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
    [0xe2, 0x82],
    [0xf0, 0x9f, 0x98],
    [0xff, 0xfe, 0x41],
  ];
  for (const edge of edges) {
    expect(toUtf8(Uint8Array.from(edge))).toBe(theirs.toUtf8(Uint8Array.from(edge)));
  }
});

test("a view into a larger buffer is read and made as the package does", () => {
  const whole = new TextEncoder().encode("..<a>h\u00e9llo</a>..");
  const view = whole.subarray(2, whole.length - 2);
  expect(toUtf8(view)).toBe(theirs.toUtf8(view));
  const others = [new DataView(whole.buffer, 1, 5), new Uint16Array(whole.buffer, 0, 4)];
  for (const other of others) {
    expect(outcome(() => toUtf8(other as unknown as Uint8Array))).toEqual(
      outcome(() => theirs.toUtf8(other)),
    );
    expect(outcome(() => toUint8Array(other))).toEqual(outcome(() => theirs.toUint8Array(other)));
  }
  const buffer = new ArrayBuffer(3);
  expect(outcome(() => toUint8Array(buffer))).toEqual(outcome(() => theirs.toUint8Array(buffer)));
  expect(toUint8Array(view)).toBe(view);
});

test("what they refuse, they refuse with the package's errors", () => {
  const odd: unknown[] = [
    undefined,
    null,
    42,
    {},
    { byteOffset: 0, byteLength: 1 },
    { byteOffset: 0, byteLength: 1, buffer: [1] },
    ["a"],
  ];
  for (const input of odd) {
    expect(outcome(() => toUtf8(input as Uint8Array))).toEqual(outcome(() => theirs.toUtf8(input)));
    expect(outcome(() => fromUtf8(input as string))).toEqual(outcome(() => theirs.fromUtf8(input)));
  }
  expect(toUtf8("as it is")).toBe(theirs.toUtf8("as it is"));
});
