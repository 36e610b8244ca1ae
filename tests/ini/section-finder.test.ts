/**
 * The section finder (headers.ts) and the readers built on it (profile-index.ts with
 * simple-read.ts) against the full parser: on generated files, on generated *simple* files
 * (printable ASCII and LF only, the shape the fast reader takes; organisations generate these),
 * and on the cases the finder must get right: headers inside comments and values, CRLF, BOM,
 * duplicate sections, `[profile x]` against `[x]`, a last section without a line end, U+2028,
 * and 1 MB lines.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { findHeaders } from "../../src/ini/headers.ts";
import type { FileKind } from "../../src/ini/index.ts";
import { parseIni, profilesOf } from "../../src/ini/index.ts";
import { ProfileIndex, profileIndex } from "../../src/ini/profile-index.ts";
import { OddSpots } from "../../src/ini/simple-read.ts";
import { iniFile } from "./support/ini-arbitraries.ts";

/** Where parseIni sees sections: the start of each header line, and its header text. */
function parsedHeaders(text: string) {
  const doc = parseIni(text);
  const starts: number[] = [];
  const names: string[] = [];
  let at = doc.bom.length;
  for (const line of doc.lines) {
    if (line.kind === "section") {
      starts.push(at);
      names.push(line.header);
    }
    at += line.text.length + line.eol.length;
  }
  return { starts, names };
}

const INDENTED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are the point
  /(^|[\r\n])[\t\v\f\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+\[/;

/** The finder finds what the parser finds, or declines (only) when a header line is indented. */
function finderAgrees(text: string): void {
  const found = findHeaders(text);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (found === undefined) {
    // Declining is always safe; it must happen when a line starts with whitespace and `[`.
    expect(/[\u2028\u2029]/.test(body) || INDENTED.test(body)).toBe(true);
    return;
  }
  expect(INDENTED.test(body)).toBe(false);
  expect({ starts: [...found.starts], names: [...found.names] }).toEqual(parsedHeaders(text));
}

function readerAgrees(text: string, kind: FileKind): void {
  const whole = profilesOf(text, kind);
  const index = new ProfileIndex(text, kind);
  for (const name of [...whole.keys(), "nope", "DEFAULT", "default"]) {
    expect(index.get(name)).toEqual(whole.get(name));
  }
  // Reading every profile (list) gives the same map, in the same order.
  expect([...new ProfileIndex(text, kind).entries()]).toEqual([...whole.entries()]);
}

/** Files as organisations generate them: ASCII, LF, no indentation (the fast reader's case). */
function simpleFile(kind: FileKind): fc.Arbitrary<string> {
  const name = fc.constantFrom("dev", "prod", "default", "a.b", "DEFAULT", "x y", '"q"');
  const header = fc.oneof(
    name.map((n) => `[${kind === "config" ? `profile ${n}` : n}]`),
    name.map((n) => `[${n}]`),
    fc.constantFrom("[profile  dev]", "[profiles dev]", "[sso-session s]", "[profile dev] # c"),
  );
  const line = fc.oneof(
    fc
      .tuple(
        fc.constantFrom("region", "Region", "aws_access_key_id", "x", "", "k k"),
        fc.constantFrom("=", " = ", ":", " : ", "=="),
        fc.constantFrom("v", "eu-west-1", "", "a = b", "a:b", " # not a comment", "[x]  "),
      )
      .map(([k, d, v]) => `${k}${d}${v}`)
      .filter((text) => !text.startsWith(" ")), // an indented line is not simple
    fc.constantFrom("", "# c", "; c", "#[profile prod]", "garbage", "[not", "[]", "k ="),
  );
  const section = fc.tuple(header, fc.array(line, { maxLength: 5 })).map(([h, ls]) => [h, ...ls]);
  return fc
    .tuple(fc.array(line, { maxLength: 2 }), fc.array(section, { maxLength: 6 }), fc.boolean())
    .map(([pre, sections, last]) => {
      const lines = [...pre, ...sections.flat()];
      return lines.join("\n") + (last && lines.length > 0 ? "\n" : "");
    });
}

describe.each<FileKind>(["config", "credentials"])("%s file", (kind) => {
  test("generated files: the finder and the readers agree with the parser", () => {
    fc.assert(
      fc.property(iniFile({ kind, invalid: true }), (text) => {
        finderAgrees(text);
        readerAgrees(text, kind);
      }),
      { numRuns: 500 },
    );
  });

  test("generated simple files (the fast reader): the same values as the parser", () => {
    fc.assert(
      fc.property(simpleFile(kind), (text) => {
        expect(new OddSpots(text).within(0, text.length)).toBe(false); // the fast reader reads it
        finderAgrees(text);
        readerAgrees(text, kind);
      }),
      { numRuns: 1500 },
    );
  });
});

describe.each<FileKind>(["config", "credentials"])("%s file, many sections", (kind) => {
  // Past 64 sections the reader scans the file once for odd spots instead of each section.
  test("simple and odd sections mixed: the same values as the parser", () => {
    const parts = fc.array(fc.oneof(simpleFile(kind), iniFile({ kind, invalid: true })), {
      minLength: 30,
      maxLength: 50,
    });
    fc.assert(
      fc.property(parts, (files) => {
        const text = files.join("\n");
        finderAgrees(text);
        readerAgrees(text, kind);
      }),
      { numRuns: 60 },
    );
  });
});

test("the cases the finder must get right", () => {
  const cases = [
    // headers inside comments and values are no headers
    "# [profile a]\n[profile b]\nk = [profile a]\n;[profile a]\n",
    "[profile a]\nk = v\n  [profile b]\n",
    // CRLF, lone CR, BOM
    "[profile a]\r\nk = 1\r\n[profile b]\r\nk = 2\r\n",
    "[profile a]\rk = 1\r[profile b]\rk = 2",
    "\uFEFF[profile a]\nk = 1\n",
    "\uFEFF  [profile a]\nk = 1\n",
    // duplicate sections and aliases
    "[profile a]\nk = 1\n[profile b]\n[profile a]\nk = 2\nj = 3\n",
    '[default]\nk = 1\n[profile default]\nk = 2\n[profile "a"]\nk = 3\n[profile a]\nj = 4\n',
    // [profile x] and [x] in both kinds
    "[profile x]\nk = 1\n[x]\nk = 2\n",
    '[profile ""]\nk = 1\n[profile ""]\nj = 2\n',
    // the last section without a line end, an empty last line
    "[profile a]\nk = 1\n[profile b]\nk = 2",
    "[profile a]\nk = 1\n[profile b]",
    // U+2028 is no line break for configparser, but one for the m flag of a regex
    "[profile a]\nk = 1\u2028[profile b]\nj = 2\n",
    "[profile a]\nk = 1\u2028 [profile b]\nj = 2\n",
    // [DEFAULT] fills every profile
    "[DEFAULT]\nd = 0\n[profile a]\nk = 1\n[DEFAULT]\ne = 1\n",
    // not headers: `[]`, no `]`, `]` right after `[`
    "[profile a]\n[]\n[x\n[]]\nk = 1\n",
  ];
  for (const text of cases) {
    finderAgrees(text);
    for (const kind of ["config", "credentials"] as const) readerAgrees(text, kind);
  }
});

test("1 MB lines: in a value, in a comment, as a header", () => {
  const long = "v".repeat(1 << 20);
  const text = `[profile a]\nk = ${long}\n# ${long}\n[profile ${long}]\nj = 1\n[profile b]\nk = 2`;
  finderAgrees(text);
  for (const kind of ["config", "credentials"] as const) readerAgrees(text, kind);
  expect(new ProfileIndex(text, "config").get("a")?.k).toBe(long);
});

test("profileIndex gives the index of an equal text again, not of another", () => {
  const text = "[profile a]\nk = 1\n";
  const first = profileIndex(text, "config");
  expect(profileIndex(`${text}`.slice(0), "config")).toBe(first);
  expect(profileIndex(text, "credentials")).not.toBe(first);
  expect(profileIndex(`${text}[profile b]\n`, "config")).not.toBe(first);
});
