/**
 * Properties of the editors on generated files and random sequences of edits:
 * - reading the result gives exactly the values set (and no deleted key or profile);
 * - every section of another profile is byte-identical, and reads the same;
 * - each edit is idempotent; the file keeps its line endings.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  type FileKind,
  IniEditError,
  type IniLine,
  type IniValues,
  parseIni,
  profileNameOf,
  profilesOf,
  readSections,
} from "../../src/ini/index.ts";
import { readDefaults } from "../../src/ini/read.ts";
import { applyOp, type EditOp, editOp } from "./support/edit-ops.ts";
import { iniFile } from "./support/ini-arbitraries.ts";

/** Header lines through their last key (or other content), for every section not of `name`. */
function otherSections(text: string, kind: FileKind, name: string): string[] {
  const { lines } = parseIni(text);
  const chunks: string[] = [];
  let chunk: IniLine[] = [];
  const flush = () => {
    while (chunk.length > 0 && ["blank", "comment"].includes(chunk.at(-1)!.kind)) chunk.pop();
    // The last line's ending is left out: a line ending may be added to the file's last line.
    chunks.push(
      chunk.map((line, i) => line.text + (i < chunk.length - 1 ? line.eol : "")).join(""),
    );
  };
  let keep = true; // the preamble, before any header
  for (const line of lines) {
    if (line.kind === "section") {
      if (keep) flush();
      chunk = [];
      keep = line.header === "DEFAULT" || profileNameOf(line.header, kind) !== name;
      if (keep) chunk.push(line);
    } else if (keep) chunk.push(line);
  }
  if (keep) flush();
  // The preamble's trailing blank lines may go with a deleted first-and-last section.
  return chunks.filter((c, i) => i > 0 || c !== "");
}

/** readSections for every header that does not hold `name`. */
function otherValues(text: string, kind: FileKind, name: string): Array<[string, IniValues]> {
  return [...readSections(parseIni(text))].filter(
    ([header]) => profileNameOf(header, kind) !== name,
  );
}

const endings = (text: string) => new Set(parseIni(text).lines.map((line) => line.eol));

function checkEdit(before: string, kind: FileKind, op: EditOp): string {
  let after: string;
  try {
    after = applyOp(before, kind, op);
  } catch (error) {
    // The only refusals these inputs can meet: [DEFAULT] in a credentials file, and deleting
    // a section that an indented header follows.
    expect(error).toBeInstanceOf(IniEditError);
    if (op.type === "set") expect([kind, op.profile]).toEqual(["credentials", "DEFAULT"]);
    else expect(op.type).toBe("deleteProfile");
    return before;
  }
  const name = op.profile;
  const was = profilesOf(before, kind).get(name);
  const is = profilesOf(after, kind).get(name);
  const defaults = readDefaults(parseIni(before));
  if (op.type === "set") {
    // A new profile holds the values set, plus what it inherits from [DEFAULT].
    const expected: IniValues = { ...(was ?? defaults) };
    for (const [key, value] of Object.entries(op.values)) expected[key.toLowerCase()] = value;
    expect(is).toEqual(expected);
  } else if (op.type === "deleteKeys") {
    // A deleted key is gone, unless [DEFAULT] has one to show through.
    const expected: IniValues = { ...was };
    for (const key of op.keys.map((k) => k.toLowerCase())) {
      if (defaults[key] === undefined) delete expected[key];
      else expected[key] = defaults[key];
    }
    expect(is).toEqual(was && expected);
  } else {
    expect(is).toBeUndefined();
  }
  expect(otherSections(after, kind, name)).toEqual(otherSections(before, kind, name));
  expect(otherValues(after, kind, name)).toEqual(otherValues(before, kind, name));
  expect(applyOp(after, kind, op)).toBe(after);
  const allowed = endings(before);
  if (![...allowed].some((eol) => eol !== "")) allowed.add("\n");
  for (const eol of endings(after)) if (eol !== "") expect(allowed.has(eol)).toBe(true);
  return after;
}

describe.each<FileKind>(["config", "credentials"])("%s file", (kind) => {
  test("random edit sequences keep every promise", () => {
    fc.assert(
      fc.property(
        iniFile({ kind, invalid: true }),
        fc.array(editOp(kind), { minLength: 1, maxLength: 5 }),
        (text, ops) => {
          let current = text;
          for (const op of ops) current = checkEdit(current, kind, op);
        },
      ),
      { numRuns: 600 },
    );
  });
});
