/**
 * scanKeys reads the wanted keys of every profile exactly as profilesOf does (with "" and
 * nested blocks as none), numbering the profiles in their order: on the random files of the
 * INI property tests (mostly odd: indented lines, tabs, CR, non-ASCII, read through
 * ProfileIndex), on the same files made simple (read by the scanner's own loop), and on the
 * tricky cases of read.test.ts.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { FileKind } from "../../src/ini/index.ts";
import { profilesOf } from "../../src/ini/index.ts";
import { scanKeys } from "../../src/ini/key-scan.ts";
import { KeyValues } from "../../src/ini/key-values.ts";
import { NameTable } from "../../src/ini/name-table.ts";
import { oddAnywhere } from "../../src/ini/simple-read.ts";
import { CONFIG_CASES } from "./support/config-cases.ts";
import { iniFile } from "./support/ini-arbitraries.ts";

/** Keys of the generated files (nested ones too), spelt as read.ts lower-cases them. */
const KEYS = ["region", "aws_access_key_id", "aws_session_token", "mfa_serial", "x", "s3", "sts"];

function agrees(text: string, kind: FileKind, names = new NameTable()): void {
  const known = [...names.names];
  const values = new KeyValues(KEYS.length, 2);
  scanKeys(text, kind, KEYS, names, values);
  const whole = profilesOf(text, kind);
  const added = [...whole.keys()].filter((name) => !known.includes(name));
  expect(names.names).toEqual([...known, ...added]);
  for (const [name, read] of whole) {
    const ordinal = names.names.indexOf(name);
    const expected = KEYS.map((key) => {
      const value = read[key];
      return typeof value === "string" && value !== "" ? value : undefined;
    });
    expect([name, KEYS.map((_, k) => values.get(ordinal, k))]).toEqual([name, expected]);
  }
}

/**
 * scanKeys with `quick`: the same names and values as without, or undefined, and then only
 * for a text with an odd character in it (a CR before an LF is not, nor a byte-order mark at
 * its start), or with [DEFAULT].
 */
function agreesQuick(text: string, kind: FileKind): void {
  const names = new NameTable();
  const values = new KeyValues(KEYS.length, 2);
  const quick = scanKeys(text, kind, KEYS, names, values, true);
  if (quick === undefined) {
    // [DEFAULT] stops the line loop early: a CRLF text (or one with a BOM) is then read again
    const read = text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n");
    const again = oddAnywhere(read) || text.includes("[DEFAULT]");
    expect([text, again]).toEqual([text, true]);
    return;
  }
  const exactNames = new NameTable();
  const exactValues = new KeyValues(KEYS.length, 2);
  const exact = scanKeys(text, kind, KEYS, exactNames, exactValues)!;
  expect(names.names).toEqual(exactNames.names);
  const printable = /^[\x20-\x7e]*$/;
  names.names.forEach((name, ordinal) => {
    const read = (from: KeyValues) => KEYS.map((_, k) => from.get(ordinal, k));
    expect([name, read(values)]).toEqual([name, read(exactValues)]);
    // true: every name and value read is printable ASCII (a CRLF file's too, unlike exact's)
    if (quick)
      expect([name, ...read(values)].every((v) => v === undefined || printable.test(v))).toBe(true);
  });
  if (exact) expect(quick).toBe(true);
  if (!quick) expect(exact).toBe(false);
}

/** The same file with nothing odd in it: LF only, printable ASCII, no line indented. */
const simple = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .replace(/[^\n\x20-\x7e]/g, "")
    .replace(/^ +/gm, "");

describe.each<FileKind>(["config", "credentials"])("%s file", (kind) => {
  test("random files: the values profilesOf reads", () => {
    fc.assert(
      fc.property(iniFile({ kind, invalid: true }), (text) => {
        agrees(text, kind);
        agrees(simple(text), kind);
      }),
      { numRuns: 600 },
    );
  });

  test("quick: the same, or undefined for a text with an odd character", () => {
    const controls = fc.constantFrom("\f", "\x1b[0m", "\x7f", "\v", "\0", "\r", "\r\n", "\t", "é");
    fc.assert(
      fc.property(iniFile({ kind, invalid: true }), controls, fc.nat(), (text, odd, at) => {
        const plain = simple(text);
        const spot = at % (plain.length + 1);
        agreesQuick(text, kind);
        agreesQuick(plain, kind);
        agreesQuick(plain.slice(0, spot) + odd + plain.slice(spot), kind);
        agreesQuick(plain.replaceAll("\n", "\r\n"), kind);
        agreesQuick(`\uFEFF${plain}`, kind);
        agreesQuick(`\uFEFF${plain.replaceAll("\n", "\r\n")}`, kind);
      }),
      { numRuns: 400 },
    );
  });

  test("names the table has already keep their numbers", () => {
    fc.assert(
      fc.property(iniFile({ kind, invalid: true }), iniFile({ kind: "config" }), (text, other) => {
        const names = new NameTable();
        scanKeys(simple(other), "config", KEYS, names, new KeyValues(KEYS.length));
        agrees(simple(text), kind, names);
      }),
      { numRuns: 200 },
    );
  });

  test.each(CONFIG_CASES)("%s", (_, text) => {
    agrees(text, kind);
    agrees(simple(text), kind);
    agreesQuick(text, kind);
    agreesQuick(simple(text), kind);
  });
});

test("what the scanner must get right", () => {
  const cases = [
    "[profile a]\nREGION = up\nRegion= mid\nregion=low\n[profile b]\nregion =\n",
    "[profile a]\nregion : x = y\nregion_x = 1\nregion x = 2\nmfa_serial:arn:a:b\n",
    "[profile a]\nx = 1\n[DEFAULT]\nregion = d\n[profile b]\ny = 3\n",
    '[default]\nregion = 1\n[profile default]\nregion = 2\n[profile "q"]\nx = 4\n[profile q]\nx = 5\n',
    " [profile a]\nregion = r\n",
    "[profile a]\nregion = r\n  [profile b]\n[profile c]\nregion = s\n",
    "\uFEFF[profile a]\nregion = r\n[profile b]\nx = é\n",
    "[profile a]\r\nregion = r\r\n[profile b]\nregion = s\n",
    "[sso-session s]\nregion = r\n[profile a] # note\n[]\n[x\nregion = t\n[profile  b]\nx = 1\n",
    "region = before any header\n[profile a]\n#region = no\n;region = no\n",
    "[profile a]\nregion = r\n[profile a]\nregion = s\nx = 1\n[profile a]\nx =\n",
  ];
  for (const text of cases) {
    for (const kind of ["config", "credentials"] as const) agrees(text, kind);
  }
});
