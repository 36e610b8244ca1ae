/**
 * profilesOf / sectionsOf against botocore itself (the AWS CLI's reader): generated files are
 * read by both, in one python run. Where botocore refuses a file (duplicates, invalid lines,
 * a byte-order mark) there is nothing to compare; such files are read like the SDK does and
 * covered by sdk-agreement.test.ts and the tables in read.test.ts.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { type FileKind, profilesOf, sectionsOf } from "../../src/ini/index.ts";
import { configSectionOf } from "../../src/ini/profiles.ts";
import { shlexQuote, shlexSplit } from "../../src/ini/shlex.ts";
import { askBotocore, botocoreMissing } from "./support/botocore.ts";
import { CONFIG_CASES } from "./support/config-cases.ts";
import { applyOp, editOp } from "./support/edit-ops.ts";
import { iniFile } from "./support/ini-arbitraries.ts";
import { CONFIG_DIFFERENCES } from "./support/reader-differences.ts";

/** One seed for every sample, shown when a comparison fails. */
const seed = Date.now();
const sample = (kind: FileKind, invalid: boolean, numRuns: number) =>
  fc.sample(iniFile({ kind, invalid }), { numRuns, seed }).map((text) => ({ text, kind }));

/** Characters that matter to the tokenizer, Python's and JavaScript's whitespace included. */
const HOSTILE_UNIT = fc.constantFrom(
  ..."[]=:#;\"'\\ \t\r\n\n\n\v\f\x1c\x85\u2028\u3000\uFEFFabpü".split(""),
  "profile ",
  "default",
  "DEFAULT",
  "s3",
  "  ",
);

const SHLEX_UNIT = fc.constantFrom(" ", "\t", "\r", "\n", "'", '"', "\\", "a", "b", "#", "ü", "]");

describe.skipIf(botocoreMissing !== undefined)("botocore agreement", () => {
  test("generated files read the same, in the same order", async () => {
    const files = [
      ...sample("config", false, 250),
      ...sample("credentials", false, 100),
      ...sample("config", true, 50),
    ];
    const answer = await askBotocore(files);
    const mismatches: unknown[] = [];
    let compared = 0;
    answer.files.forEach((theirs, i) => {
      const { text, kind } = files[i]!;
      if (!theirs.ok) return;
      compared++;
      const ours = {
        profiles: [...profilesOf(text, kind)],
        "sso-session": kind === "config" ? [...sectionsOf(text, "sso-session")] : undefined,
        services: kind === "config" ? [...sectionsOf(text, "services")] : undefined,
      };
      const expected = {
        profiles: theirs.profiles,
        "sso-session": theirs["sso-session"],
        services: theirs.services,
      };
      if (!Bun.deepEquals(ours, expected)) mismatches.push({ text, kind, ours, expected });
    });
    // The seed reproduces the sample: fc.sample(arbitrary, { numRuns, seed }).
    expect({ seed, mismatches: mismatches.slice(0, 3) }).toEqual({ seed, mismatches: [] });
    // Most generated files must be ones botocore accepts, or this test proves little.
    expect(compared).toBeGreaterThan(files.length / 4);
  });

  test("after random edits, botocore reads what we read (so it sees the values set)", async () => {
    const files = (["config", "credentials"] as const).flatMap((kind) =>
      fc
        .sample(
          fc.tuple(iniFile({ kind }), fc.array(editOp(kind), { minLength: 1, maxLength: 4 })),
          { numRuns: 150, seed },
        )
        .map(([text, ops]) => ({
          kind,
          text: ops.reduce((current, op) => {
            try {
              return applyOp(current, kind, op);
            } catch {
              return current; // refusals are covered by edit-properties.test.ts
            }
          }, text),
        })),
    );
    const answer = await askBotocore(files);
    const mismatches = answer.files.flatMap((theirs, i) => {
      const { text, kind } = files[i]!;
      if (!theirs.ok) return [];
      const ours = [...profilesOf(text, kind)];
      return Bun.deepEquals(ours, theirs.profiles) ? [] : [{ text, ours, theirs }];
    });
    // The seed reproduces the sample: fc.sample(arbitrary, { numRuns, seed }).
    expect({ seed, mismatches: mismatches.slice(0, 3) }).toEqual({ seed, mismatches: [] });
    expect(answer.files.filter((file) => file.ok).length).toBeGreaterThan(files.length / 4);
  });

  test("shlex.split of header text, and quoted profile names read back", async () => {
    const texts = fc.sample(fc.string({ unit: SHLEX_UNIT, maxLength: 12 }), { numRuns: 400, seed });
    const names = fc
      .sample(fc.string({ unit: SHLEX_UNIT, minLength: 1, maxLength: 8 }), { numRuns: 100, seed })
      .filter((name) => !/[\r\n]/.test(name) && name !== "default");
    const files = names.map((name) => ({
      text: `[profile ${shlexQuote(name)}]\nk = v\n`,
      kind: "config" as const,
    }));
    const answer = await askBotocore(files, texts);
    expect(texts.map((text) => shlexSplit(text) ?? null)).toEqual(answer.shlex);
    const read = answer.files.map((file) => (file.ok ? file.profiles.map(([name]) => name) : []));
    expect(read).toEqual(names.map((name) => [name]));
    for (const name of names) {
      expect(configSectionOf(`profile ${shlexQuote(name)}`)).toEqual({ family: "profile", name });
    }
  });

  test("where botocore and the SDK differ, botocore reads what awsmfa reads", async () => {
    const files = CONFIG_DIFFERENCES.map(({ text }) => ({ text, kind: "config" as const }));
    const answer = await askBotocore(files);
    const read = answer.files.map((file) => (file.ok ? Object.fromEntries(file.profiles) : file));
    expect(read).toEqual(CONFIG_DIFFERENCES.map(({ ours }) => ours));
  });

  test("the read.test.ts tables: botocore reads the same, or refuses where they say so", async () => {
    const answer = await askBotocore(CONFIG_CASES.map(([, text]) => ({ text, kind: "config" })));
    const read: unknown[] = answer.files.map((file) =>
      file.ok ? Object.fromEntries(file.profiles) : "botocore: error",
    );
    expect(read).toEqual(
      CONFIG_CASES.map(([name, , profiles]) =>
        name.startsWith("botocore: error") ? "botocore: error" : profiles,
      ),
    );
  });

  test("hostile text after a header reads the same", async () => {
    const files = fc
      .sample(fc.string({ unit: HOSTILE_UNIT, maxLength: 80 }), { numRuns: 400, seed })
      .flatMap((tail) => [
        { text: `[default]\n${tail}`, kind: "config" as const },
        { text: `[a]\n${tail}`, kind: "credentials" as const },
      ]);
    const answer = await askBotocore(files);
    const mismatches = answer.files.flatMap((theirs, i) => {
      const { text, kind } = files[i]!;
      if (!theirs.ok) return [];
      const ours = [...profilesOf(text, kind)];
      return Bun.deepEquals(ours, theirs.profiles) ? [] : [{ text, ours, theirs }];
    });
    // The seed reproduces the sample: fc.sample(arbitrary, { numRuns, seed }).
    expect({ seed, mismatches: mismatches.slice(0, 3) }).toEqual({ seed, mismatches: [] });
    expect(answer.files.filter((file) => file.ok).length).toBeGreaterThan(files.length / 5);
  });
});
