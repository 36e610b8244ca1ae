/**
 * A cell wider than PADDED_UP_TO (ui/table.ts) is printed in full and pushes only its own
 * row's later cells right: no other row is padded for it. Before, one profile named with
 * 100,000 characters among 1,000 made `list` print 100 MB (every row padded to its width).
 * Each path that writes list's table is held to it: the general readers' list (renderTable),
 * runList (the C loops where the files pass NATIVE_FROM), and the fast table's JavaScript.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFastTable } from "../../../src/commands/list/fast-table.ts";
import { runList } from "../../../src/commands/list/run.ts";
import { readAwsTextsAndBytes } from "../../../src/config/aws-files.ts";
import { PADDED_UP_TO } from "../../../src/ui/table.ts";
import { testDeps } from "../../support/test-deps.ts";
import { generalList } from "./general-list.ts";
import { type ListFiles, listWorld } from "./list-world.ts";

const root = mkdtempSync(join(tmpdir(), "awsmfa-long-cells-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs = 0;

/** The table by each path; they must agree byte for byte. */
async function tables(files: ListFiles): Promise<string> {
  const { env, home } = await listWorld(join(root, String(runs++)), files);
  const general = testDeps({ env, homedir: home });
  await generalList({ json: false }, general.deps);
  const command = testDeps({ env, homedir: home });
  await runList({ json: false }, command.deps);
  expect(command.stdout()).toBe(general.stdout());
  for (const nativeFrom of [0, Number.POSITIVE_INFINITY]) {
    const fast = testDeps({ env, homedir: home });
    const texts = await readAwsTextsAndBytes(fast.deps);
    expect(await writeFastTable(texts, texts.bytes, fast.deps, nativeFrom)).toBe(true);
    expect(fast.stdout()).toBe(general.stdout());
  }
  return general.stdout();
}

function profiles(count: number): string {
  return Array.from({ length: count }, (_, i) => `[profile p${i}]\n`).join("");
}

test("one profile named with 100,000 characters pads no other row", async () => {
  const long = "y".repeat(100_000);
  const config = `${profiles(1000)}[profile ${long}]\n`;
  const out = await tables({ config, credentials: "", cached: [5] });
  // Before: 100,231,068 bytes (each of the 1,001 lines padded to the long name)
  expect(out.length).toBeLessThan(200_000);
  const without = await tables({ config: profiles(1000), credentials: "", cached: [5] });
  const lines = out.split("\n");
  // The long name in full, then its row's cells after two spaces
  expect(lines).toContain(`${long}  other  -           -       -`);
  // Every other line as if the long profile were not there
  expect(lines.filter((line) => !line.startsWith("yyy")).join("\n")).toBe(without);
}, 60_000);

test("a long cell in each column, just below, at and just above the cap", async () => {
  // Enough rows for many pieces of output, so that long rows fall on the pieces' ends (where
  // the C loop leaves a row it has no room for to the JavaScript).
  const config: string[] = [];
  const credentials: string[] = [];
  const lengths = [PADDED_UP_TO - 1, PADDED_UP_TO, PADDED_UP_TO + 1, 300, 70_000];
  for (let i = 0; i < 3000; i++) {
    const long = i % 37 === 0 ? lengths[(i / 37) % lengths.length]! : 0;
    const column = Math.floor(i / 37) % 3;
    const name = column === 0 && long > 0 ? `n${i}-`.padEnd(long, "n") : `p${i}`;
    const device =
      column === 1 && long > 0 ? `mfa/${`d${i}-`.padEnd(long - 17 - 4, "d")}` : `mfa/${name}`;
    const region = column === 2 && long > 0 ? `r${i}-`.padEnd(long, "r") : "eu-west-1";
    config.push(
      `[profile ${name}]\nregion = ${region}\nmfa_serial = arn:aws:iam::123456789012:${device}\n`,
    );
    credentials.push(
      `[${name}-long-term]\naws_access_key_id = AKIA${String(i).padStart(16, "0")}\naws_secret_access_key = s\n`,
    );
  }
  const out = await tables({
    config: config.join(""),
    credentials: credentials.join(""),
    cached: [5, 5, 5, 1, 5, 5, 5],
  });
  const lines = out.trimEnd().split("\n");
  // Where KIND starts on every line whose name fits: the widest name that fits, and two spaces
  const kindAt = new Set(
    lines
      .filter((line) => line.indexOf(" ") <= PADDED_UP_TO)
      .map((line) => line.search(/ {2}(long-term|session|role|other|KIND)/)),
  );
  expect(kindAt).toEqual(new Set([PADDED_UP_TO]));
  // A name past the cap: in full, then two spaces and its KIND
  const longNames = lines.filter((line) => line.indexOf(" ") > PADDED_UP_TO);
  expect(longNames.length).toBeGreaterThan(40);
  for (const line of longNames) expect(line).toMatch(/^[^ ]+ {2}(session|long-term) /);
  // Its device past the cap too: in full, then two spaces and its region, padded as on the
  // other rows (the widest region that fits, 64 characters, and two spaces)
  const name = "n444-".padEnd(PADDED_UP_TO + 1, "n");
  const row = `${name}  session    123456789012:mfa/${name}  eu-west-1${" ".repeat(57)}2h00m left`;
  expect(lines.filter((line) => line.startsWith(row))).toHaveLength(1);
  // No line is padded for another's long cell
  const longest = Math.max(...lines.filter((line) => line.length < 300).map((l) => l.length));
  expect(longest).toBeLessThan(4 * (PADDED_UP_TO + 2) + 30);
}, 120_000);
