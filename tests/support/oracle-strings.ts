/**
 * Strings for comparing a function that checks a shape with a loop against the regular
 * expression it replaced (the cached path runs none: docs/performance.md). Random text rarely
 * has the shape, so besides random text of every kind (ASCII with its control characters,
 * JavaScript's and Python's whitespace, non-ASCII, lone surrogates, astral characters) the
 * strings are built from the rule's own pieces, and from valid examples with a few edits
 * (a character inserted, removed or replaced), which is where a loop and an expression part.
 */
import fc from "fast-check";

/** Characters where rules tend to draw their lines. */
export const EDGE_CHARACTERS = [
  ..."\t\n\v\f\r \0\x1b\x1c\x1f\x7f\x80\x85\x9f\xa0\u00e9\u1680\u180e\u2000\u200a\u200b",
  ..."\u2028\u2029\u202f\u205f\u3000\ufeff\ufffd\uffff\ud800\udbff\udc00\udfff",
  ..."[]\\'\"`:;/-_.,+=@#$%*ZzTtAaSs09",
];

/** One unit of text: an edge character, any ASCII, any UTF-16 unit, an astral character. */
function unit(pieces: readonly string[]): fc.Arbitrary<string> {
  const arbitraries = [
    fc.constantFrom(...EDGE_CHARACTERS),
    fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  ];
  return pieces.length === 0
    ? fc.oneof(...arbitraries)
    : fc.oneof(...arbitraries, fc.constantFrom(...pieces), fc.constantFrom(...pieces));
}

/** `example` with one to four characters inserted, removed or replaced. */
function edited(examples: readonly string[], pieces: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom("insert", "remove", "replace"), unit(pieces));
  return fc
    .tuple(fc.constantFrom(...examples), fc.array(edit, { minLength: 1, maxLength: 4 }))
    .map(([example, edits]) => {
      let text = example;
      for (const [position, kind, piece] of edits) {
        const at = position % (text.length + 1);
        if (kind === "insert") text = text.slice(0, at) + piece + text.slice(at);
        else if (kind === "remove") text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + piece + text.slice(at + 1);
      }
      return text;
    });
}

/**
 * Texts to test a shape rule on: random ones, ones made of the rule's `pieces`, `examples`
 * as they are and edited, empty, and long ones (up to `longest` characters or so: an oracle
 * that is quadratic on some texts needs it smaller).
 */
export function oracleTexts(
  examples: readonly string[],
  pieces: readonly string[] = [],
  longest = 16_000,
): fc.Arbitrary<string> {
  const short = fc.oneof(
    fc.string({ unit: unit(pieces), maxLength: 40 }),
    fc.constantFrom("", ...examples),
    edited(examples.length > 0 ? examples : [""], pieces),
  );
  const long = fc
    .tuple(short, fc.integer({ min: 2, max: Math.max(2, longest / 40) }), short)
    .map(([text, times, tail]) => text.repeat(times) + tail);
  const maxLength = Math.min(3000, longest);
  return fc.oneof(
    { weight: 8, arbitrary: short },
    { weight: 1, arbitrary: long },
    { weight: 1, arbitrary: fc.string({ unit: unit(pieces), maxLength }) },
  );
}

/** How many texts each comparison tries. */
export const ORACLE_RUNS = 3_000;
