/** The lossless tokenizer: exact round trip, and each line classified as configparser does. */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { type IniLine, parseIni, renderIni } from "../../src/ini/index.ts";
import { iniFile } from "./support/ini-arbitraries.ts";

/** A compact view of a line for tables: kind plus what was read from it. */
function describeLine(line: IniLine): string {
  switch (line.kind) {
    case "section":
      return `section ${JSON.stringify(line.header)}`;
    case "key":
      return `key ${JSON.stringify(line.key)}=${JSON.stringify(line.value)}`;
    case "continuation":
      return `continues ${line.owner}: ${JSON.stringify(line.value)}`;
    default:
      return line.kind;
  }
}

const shape = (text: string) => parseIni(text).lines.map(describeLine);

describe("round trip", () => {
  const ANY_UNIT = fc.oneof(
    fc.constantFrom("[", "]", "=", ":", "#", ";", " ", "\t", "\r", "\n", "\r\n", "\uFEFF"),
    fc.constantFrom("\v", "\f", "\x85", "\u2028", "\u3000", '"', "'", "\\", "profile ", "a"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  );

  test("renderIni(parseIni(t)) === t for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: ANY_UNIT, maxLength: 200 }), (text) => {
        expect(renderIni(parseIni(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  test("lines split as /([^\\r\\n]*)(\\r\\n|\\r|\\n|$)/y splits them (the loop's oracle)", () => {
    const LINE = /([^\r\n]*)(\r\n|\r|\n|$)/y;
    const byRegex = (body: string) => {
      const lines: [string, string][] = [];
      LINE.lastIndex = 0;
      while (LINE.lastIndex < body.length) {
        const match = LINE.exec(body)!;
        lines.push([match[1]!, match[2]!]);
      }
      return lines;
    };
    fc.assert(
      fc.property(fc.string({ unit: ANY_UNIT, maxLength: 200 }), (text) => {
        const doc = parseIni(text);
        expect(doc.lines.map((line) => [line.text, line.eol])).toEqual(
          byRegex(text.slice(doc.bom.length)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  test("renderIni(parseIni(t)) === t for generated AWS files", () => {
    fc.assert(
      fc.property(iniFile({ kind: "config", invalid: true }), (text) => {
        expect(renderIni(parseIni(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ["", 0],
    ["\uFEFF", 0],
    ["a", 1],
    ["a\n", 1],
    ["a\r\n\r\nb", 3],
    ["a\r\rb\r", 3],
    ["\n\n", 2],
  ])("%j has %d lines", (text, count) => {
    const doc = parseIni(text);
    expect(doc.lines.length).toBe(count);
    expect(renderIni(doc)).toBe(text);
  });

  test("line endings and the byte-order mark are kept apart from the text", () => {
    const doc = parseIni("\uFEFF[a]\r\nk = v\rx = y\nlast");
    expect(doc.bom).toBe("\uFEFF");
    expect(doc.lines.map(({ text, eol }) => [text, eol])).toEqual([
      ["[a]", "\r\n"],
      ["k = v", "\r"],
      ["x = y", "\n"],
      ["last", ""],
    ]);
  });
});

describe("classification, as botocore's configparser reads each line", () => {
  test.each<[string, string, string[]]>([
    [
      "comments: # and ;, even indented",
      "# a\n  ; b\n[s]\n\t# c",
      ["comment", "comment", 'section "s"', "comment"],
    ],
    [
      "blank lines hold only whitespace, Python's included",
      "[s]\n \t\n\u3000\n\x1c",
      ['section "s"', "blank", "blank", "blank"],
    ],
    [
      "a header runs to the last ], untrimmed",
      "[ profile  x ]\n[a] # c\n[b] ] z\n  [c]",
      ['section " profile  x "', 'section "a"', 'section "b] "', 'section "c"'],
    ],
    [
      "[] is no header; text before any header is invalid",
      "k = v\n[]\n[s]\n[]",
      ["invalid", "invalid", 'section "s"', "invalid"],
    ],
    [
      "keys split at the first = or :, lower-cased, values stripped",
      "[s]\nA:b = c\nK  =  v w  \nurl=https://x",
      ['section "s"', 'key "a"="b = c"', 'key "k"="v w"', 'key "url"="https://x"'],
    ],
    [
      "an inline comment is part of the value",
      "[s]\nk = v # not a comment",
      ['section "s"', 'key "k"="v # not a comment"'],
    ],
    [
      "no delimiter or no key: invalid",
      "[s]\ngarbage\n= v\n: v",
      ['section "s"', "invalid", "invalid", "invalid"],
    ],
    [
      "deeper lines continue a value, across blank and comment lines",
      "[s]\nk =\n  a = 1\n\n  # c\n\tb = 2\nj = 3",
      [
        'section "s"',
        'key "k"=""',
        'continues 1: "a = 1"',
        "blank",
        "comment",
        'continues 1: "b = 2"',
        'key "j"="3"',
      ],
    ],
    [
      "a deeper header continues a value; after a header it is a header",
      "[s]\nk = v\n  [t]\n[u]\n  [w]",
      ['section "s"', 'key "k"="v"', 'continues 1: "[t]"', 'section "u"', 'section "w"'],
    ],
    [
      "indentation is compared with the key line, not the header",
      "  [s]\n  k = 1\n    j = 2\nm = 3\n  n = 4",
      ['section "s"', 'key "k"="1"', 'continues 1: "j = 2"', 'key "m"="3"', 'continues 3: "n = 4"'],
    ],
    [
      "an invalid line keeps the value open (configparser quirk)",
      "[s]\nk = 1\n garbage\n  more",
      ['section "s"', 'key "k"="1"', 'continues 1: "garbage"', 'continues 1: "more"'],
    ],
    [
      "an unindented invalid line resets the indent but not the value",
      "[s]\nk = 1\ngarbage\n  more",
      ['section "s"', 'key "k"="1"', "invalid", 'continues 1: "more"'],
    ],
    [
      "an empty key closes the value",
      "[s]\nk = 1\n= 2\n  more",
      ['section "s"', 'key "k"="1"', "invalid", "invalid"],
    ],
    [
      "lone CR and CRLF end lines too",
      "[s]\rk = 1\r\nj = 2",
      ['section "s"', 'key "k"="1"', 'key "j"="2"'],
    ],
    [
      "U+FEFF inside a line is text, not whitespace",
      "[s]\n\uFEFFk = 1",
      ['section "s"', 'key "\uFEFFk"="1"'],
    ],
  ])("%s", (_, text, expected) => {
    expect(shape(text)).toEqual(expected);
  });
});
