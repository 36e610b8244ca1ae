/**
 * The section editors (section-edit.ts) give byte for byte what the whole-file editors give,
 * errors included: on generated files, on the same files with their indented headers moved to
 * column 0 (so that they are indexed), after sequences of edits, and on the edge cases of a
 * section at the end without a line end, CR-only files and files without key lines.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  deleteProfileKeys,
  deleteProfileKeysIn,
  type FileKind,
  setProfileKeys,
  setProfileKeysIn,
} from "../../src/ini/index.ts";
import { ProfileIndex } from "../../src/ini/profile-index.ts";
import { type EditOp, editOp } from "./support/edit-ops.ts";
import { iniFile } from "./support/ini-arbitraries.ts";

const unindented = (text: string) => text.replace(/(^|[\r\n])[ \t]+\[/g, "$1[");

function outcome(run: () => string): { text?: string; error?: string } {
  try {
    return { text: run() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Applies op both ways; returns the (agreed) result, or undefined for a delete of a profile. */
function both(text: string, kind: FileKind, op: EditOp): string | undefined {
  const ref = { kind, profile: op.profile };
  const index = new ProfileIndex(text, kind);
  if (op.type === "set") {
    const whole = outcome(() => setProfileKeys(text, ref, op.values));
    expect(outcome(() => setProfileKeysIn(index, ref, op.values))).toEqual(whole);
    return whole.text;
  }
  if (op.type === "deleteKeys") {
    const whole = deleteProfileKeys(text, ref, op.keys);
    expect(deleteProfileKeysIn(index, [op.profile], op.keys)).toBe(whole);
    return whole;
  }
  return undefined;
}

describe.each<FileKind>(["config", "credentials"])("%s file", (kind) => {
  test("edits of one section, spliced: the same bytes as edits of the whole file", () => {
    fc.assert(
      fc.property(
        iniFile({ kind, invalid: true }),
        fc.array(editOp(kind), { minLength: 1, maxLength: 4 }),
        (generated, ops) => {
          for (const start of [generated, unindented(generated)]) {
            let text = start;
            for (const op of ops) text = both(text, kind, op) ?? text;
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});

test("deleting keys of several profiles in one pass: as one by one", () => {
  fc.assert(
    fc.property(
      iniFile({ kind: "credentials", invalid: true }),
      fc.uniqueArray(fc.constantFrom("dev", "prod", "default", "x.y", "my name", "none"), {
        maxLength: 4,
      }),
      (generated, profiles) => {
        for (const text of [generated, unindented(generated)]) {
          const keys = ["aws_session_token", "region", "x"];
          const oneByOne = profiles.reduce(
            (t, profile) => deleteProfileKeys(t, { kind: "credentials", profile }, keys),
            text,
          );
          const index = new ProfileIndex(text, "credentials");
          expect(deleteProfileKeysIn(index, profiles, keys)).toBe(oneByOne);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test("edge cases", () => {
  const files = [
    "",
    "# only a comment",
    "[dev]",
    "[dev]\rk=v\r[prod]\rk = v",
    "[a]\nk = v\n\n[prod]\nregion:eu\n",
    "[a]\nk\t=\tv\n[b]\n# c\n",
    "\uFEFF[prod]\r\nk = v",
    "[prod]\nk = v\n[prod]\nx = 1\n[other]\n",
    "[profile prod]\ns3 =\n  a = b\n[default]\n[profile default]\n",
  ];
  for (const text of files) {
    for (const kind of ["config", "credentials"] as const) {
      for (const profile of ["prod", "default", "new"]) {
        both(text, kind, { type: "set", profile, values: { region: "eu", aws_x: "1" } });
        both(text, kind, { type: "deleteKeys", profile, keys: ["k", "x", "s3"] });
      }
    }
  }
});
