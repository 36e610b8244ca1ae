/**
 * `awsmfa list` reads every profile in one pass per file (profiles/profile-keys.ts) instead of
 * through the general readers; its output must not change for it. On generated files with
 * everything that decides a row (see varied-files.ts) and cached sessions for some profiles
 * (valid, expired, role sessions), the table (plain and coloured) and the JSON are compared
 * byte for byte with the general readers' list (general-list.ts), on the files as generated
 * and made simple (what the one-pass reader reads itself).
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { runList } from "../../../src/commands/list/run.ts";
import type { Deps } from "../../../src/deps.ts";
import { printable } from "../../../src/system/printable.ts";
import { PADDED_UP_TO } from "../../../src/ui/table.ts";
import { testDeps } from "../../support/test-deps.ts";
import { generalList } from "./general-list.ts";
import { listWorld } from "./list-world.ts";
import { type VariedFiles, variedFiles } from "./varied-files.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-list-agreement-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** The same files with nothing odd in them: LF, printable ASCII, no indented line. */
const simple = (text: string) =>
  text
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[^\n\x20-\x7e]/g, "")
    .replace(/^ +.*\n/gm, "");

async function world(files: VariedFiles, transform: (text: string) => string) {
  const home = join(root, String(runs++));
  const config = transform(files.config);
  return (await listWorld(home, { ...files, config, credentials: transform(files.credentials) }))
    .env;
}

async function output(
  list: (options: { json: boolean }, deps: Deps) => Promise<number>,
  env: Record<string, string>,
  json: boolean,
  colour: boolean,
) {
  const { deps, stdout, stderr } = testDeps({
    env: colour ? { ...env, FORCE_COLOR: "1" } : env,
    homedir: join(env.AWS_CONFIG_FILE!, "..", ".."),
  });
  const code = await list({ json }, deps);
  return { code, stdout: stdout(), stderr: stderr() };
}

async function agrees(files: VariedFiles, transform: (text: string) => string): Promise<void> {
  const env = await world(files, transform);
  for (const [json, colour] of [
    [false, false],
    [false, true],
    [true, false],
  ] as const) {
    const expected = await output(generalList, env, json, colour);
    expect(await output(runList, env, json, colour)).toEqual(expected);
  }
}

test("list prints what the general readers' list printed, on varied files", async () => {
  await fc.assert(
    fc.asyncProperty(variedFiles, async (files) => {
      await agrees(files, (text) => text);
      await agrees(files, simple);
    }),
    { numRuns: 150 },
  );
}, 120_000);

test("the cases the generator reaches least often", async () => {
  const cases: [string, string][] = [
    ["", ""],
    [
      "[profile dev]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = eu-west-1\n",
      "[dev-mfa]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n[dev-long-term]\naws_access_key_id = AKIABBBBBBBBBBBBBBBB\naws_secret_access_key = s\n",
    ],
    [
      "[profile dev]\nawsmfa_long_term_profile = keys\n[profile keys]\nawsmfa_key_store = vault\n[profile keys-mfa]\n",
      "[dev-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n",
    ],
    [
      "[profile dev]\nmfa_serial = GAHT12345678\n[profile dev-long-term]\nawsmfa_key_store = vault\n",
      "[dev-mfa]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n",
    ],
    [
      '[profile ""]\nmfa_serial = GAHT12345678\n[profile -long-term]\ncredential_process = x\n',
      "[]\n[-mfa]\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n",
    ],
    [
      "[default]\nregion = a\n[profile default]\nregion = b\n[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\n",
      "[default]\naws_access_key_id = ASIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\naws_security_token = t\nexpiration = 2026-01-01 02:00:00\n[default-default]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n",
    ],
    // Names and values wider or narrower than their length: CJK, a combining accent, emoji.
    [
      "[profile 本番]\nmfa_serial = arn:aws:iam::123456789012:mfa/本番\nregion = eu-west-1\n[profile cafe\u0301]\nregion = 東京\n[profile 👩‍👩‍👧]\nmfa_serial = GAHT12345678\n[profile x]\n",
      "[本番-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAAA\naws_secret_access_key = s\n",
    ],
  ];
  for (const [config, credentials] of cases) {
    for (const cached of [[0], [1], [5]]) await agrees({ config, credentials, cached }, (t) => t);
  }
}, 60_000);

test("a list of thousands of profiles, written in many pieces", async () => {
  // Generated pairs as organisations write them (the benchmark's shape), names of varied
  // length so that the columns' widths move, sessions in the cache for a few: the table runs
  // to ~40 pieces of output, each made apart (commands/list/ascii-table.ts).
  const config: string[] = [];
  const credentials: string[] = [];
  for (let i = 0; i < 2500; i++) {
    const name = i % 7 === 0 ? `team-${i}-${"x".repeat(i % 23)}` : `p${i}`;
    config.push(
      `# team ${i % 97}\n[profile ${name}]\nregion = ${i % 5 ? "eu-west-1" : "ap-southeast-2"}\n`,
      i % 11 ? `mfa_serial = arn:aws:iam::123456789012:mfa/${name}\n\n` : "\n",
    );
    credentials.push(
      `[${name}-long-term]\naws_access_key_id = AKIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\n\n`,
    );
  }
  const cached = Array.from({ length: 151 }, (_, i) => (i === 0 ? 1 : i === 75 ? 0 : 5));
  await agrees({ config: config.join(""), credentials: credentials.join(""), cached }, (t) => t);
}, 60_000);

test("wide and combining characters: the columns line up in a terminal's columns", async () => {
  const names = ["本番", "cafe\u0301", "p", "🚀-prod"];
  const config = names
    .map((name) => `[profile ${name}]\nmfa_serial = arn:aws:iam::123456789012:mfa/${name}\n`)
    .join("");
  const env = await world({ config, credentials: "", cached: [5] }, (t) => t);
  for (const colour of [false, true]) {
    const { stdout } = await output(runList, env, false, colour);
    expect(stdout).toEqual((await output(generalList, env, false, colour)).stdout);
    // Where the KIND column starts, in terminal columns, on every line: the same.
    const starts = stdout
      .trimEnd()
      .split("\n")
      .map((line) => {
        // What the terminal gets (system/printable.ts), colour codes taken out.
        // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are taken out.
        const plain = printable(line).replace(/\x1b\[[0-9;]*m/g, "");
        const cut = plain.search(/ {2}(long-term|session|role|other|KIND)/);
        return Bun.stringWidth(plain.slice(0, cut));
      });
    expect(new Set(starts).size).toBe(1);
  }
});

test("cells just below, at and just above PADDED_UP_TO, in each column, ASCII and wide", async () => {
  // A cell wider than the cap pads no other row (ui/table.ts); the general path counts
  // terminal columns, so a CJK name of 33 characters is 66 columns: past the cap. Each column
  // gets such cells; every path must print the general readers' bytes, plain and coloured.
  const cap = PADDED_UP_TO;
  const names = [cap - 1, cap, cap + 1, cap + 2].map((n) => "a".repeat(n - 3) + String(n));
  const wide = ["本".repeat(cap / 2 - 1), "本".repeat(cap / 2), "本".repeat(cap / 2 + 1)];
  // The device's shown part (after arn:aws:iam::) is its cell: 17 characters before the name
  const devices = [cap - 1, cap, cap + 1].map((n) => `mfa/${"d".repeat(n - 17)}`);
  const regions = [cap - 1, cap, cap + 1].map((n) => "r".repeat(n));
  const config: string[] = [];
  const credentials: string[] = [];
  const all = [...names, ...wide, "p", "q"];
  all.forEach((name, i) => {
    config.push(
      `[profile ${name}]\nregion = ${regions[i % regions.length]}\nmfa_serial = arn:aws:iam::123456789012:${devices[i % devices.length]}\n`,
    );
    if (i % 2 === 0) {
      credentials.push(
        `[${name}-long-term]\naws_access_key_id = AKIAAAAAAAAAAAAAAAA${i % 10}\naws_secret_access_key = s\n`,
      );
    }
  });
  // Each length alone among short rows, and all together
  const alone = (line: string) => `${line}[profile p]\nregion = eu-west-1\n[profile q]\n`;
  for (const files of [
    { config: config.join(""), credentials: credentials.join("") },
    ...config.map((line) => ({ config: alone(line), credentials: "" })),
  ]) {
    for (const cached of [[5], [1]]) await agrees({ ...files, cached }, (t) => t);
  }
}, 120_000);
