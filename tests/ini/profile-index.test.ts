/**
 * ProfileIndex reads each profile exactly as profilesOf does, while parsing only the sections
 * whose headers name it: on the random files of the INI property tests (with indented headers,
 * where it parses the whole file, and with them taken out, where it indexes), and on the
 * tricky cases of read.test.ts.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { IniDocument } from "../../src/ini/document.ts";
import type { FileKind } from "../../src/ini/index.ts";
import { parseIni, profilesOf } from "../../src/ini/index.ts";
import { keyBlocks, profileSections } from "../../src/ini/layout.ts";
import { ProfileIndex } from "../../src/ini/profile-index.ts";
import { CONFIG_CASES } from "./support/config-cases.ts";
import { iniFile } from "./support/ini-arbitraries.ts";

const PROBES = ["dev", "prod", "default", "DEFAULT", "my name", "x", "nope", "__proto__"];

function agrees(text: string, kind: FileKind): void {
  const whole = profilesOf(text, kind);
  const index = new ProfileIndex(text, kind);
  for (const name of [...PROBES, ...whole.keys()]) {
    expect(index.has(name)).toBe(whole.has(name));
    expect(index.get(name)).toEqual(whole.get(name));
  }
  // sectionState reads the key lines of a profile's sections from sectionsText alone.
  const full = parseIni(text);
  for (const name of [...PROBES, ...whole.keys()]) {
    expect(blocks(parseIni(index.sectionsText(name)), kind, name)).toEqual(
      blocks(full, kind, name),
    );
  }
  expect([...index.keys()]).toEqual([...whole.keys()]);
  expect(index.size).toBe(whole.size);
  expect(Object.fromEntries(index)).toEqual(Object.fromEntries(whole));
}

/** Each section of a profile as its key lines: key, first value line, extra lines. */
function blocks(doc: IniDocument, kind: FileKind, profile: string) {
  return profileSections(doc, { kind, profile }).map((header) =>
    keyBlocks(doc, header).map((b) => [b.line.key, b.line.value, b.last - b.first]),
  );
}

/** The same file with every indented `[` line moved to column 0, so that it is indexed. */
const unindented = (text: string) => text.replace(/(^|[\r\n])[ \t]+\[/g, "$1[");

describe.each<FileKind>(["config", "credentials"])("%s file", (kind) => {
  test("random files: the same profiles as profilesOf", () => {
    fc.assert(
      fc.property(iniFile({ kind, invalid: true }), (text) => {
        agrees(text, kind);
        agrees(unindented(text), kind);
      }),
      { numRuns: 800 },
    );
  });

  test.each(CONFIG_CASES)("%s", (_, text) => {
    agrees(text, kind);
    agrees(unindented(text), kind);
  });
});

test("what the index must get right", () => {
  const cases = [
    "\uFEFF[profile a]\nx = 1\n[DEFAULT]\nd = 2\n[profile b]\ny = 3",
    "[profile a]\r\nx = 1\r[profile b]\ry = 2\r\n[profile a]\nz = 3",
    '[default]\na = 1\n[profile default]\nb = 2\n[profile x]\nc = 3\n[profile "x"]\nd = 4\n',
    "[profile a]\ns3 =\n  k = v\n[not a header\n[profile b]\nq = 1\n",
    "[profile a]\nv = 1\n  [profile b]\n  w = 2\n[profile b]\n",
    "[profile a] # trailing\nx = [1]\n[profile  spaced]\n[profiles z]\n[sso-session s]\n",
  ];
  for (const text of cases)
    for (const kind of ["config", "credentials"] as const) agrees(text, kind);
});

describe("hasSuffixed", () => {
  test("answers has(base + suffix), one by one and after the names are collected", () => {
    const names = ["dev", "dev-mfa", "dev-mfa-mfa", "-mfa", "prod-long-term", "x-default"];
    const bases = ["dev", "dev-mfa", "", "prod", "x", "nope", "de", "__proto__", "DEV"];
    for (const text of [
      names.map((n) => `[${n}]\nk = v\n`).join(""),
      // an indented header: the file is parsed whole, and asked the plain way
      `${names.map((n) => `[${n}]\nk = v\n`).join("")}  [indented]\n`,
      `\uFEFF[dev-mfa]\r\nk = v\r\n[profile prod-long-term]\r\n`,
    ]) {
      for (const kind of ["config", "credentials"] as const) {
        const index = new ProfileIndex(text, kind);
        // 64 questions are answered one by one; ask well beyond that, every question twice.
        for (let round = 0; round < 12; round++) {
          for (const base of bases) {
            for (const suffix of ["-mfa", "-long-term", "-default"]) {
              expect(index.hasSuffixed(base, suffix)).toBe(index.has(`${base}${suffix}`));
            }
          }
        }
      }
    }
  });
});
