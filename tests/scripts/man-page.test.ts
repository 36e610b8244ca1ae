/**
 * The man page is the command table: each command's section holds exactly what the real
 * binary prints for `awsmfa help COMMAND` (in a fresh HOME, as the page is built), and man
 * renders it without a warning.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { manualSections, renderManPage } from "../../scripts/release/man-page.ts";
import { awsmfaBinary } from "../support/binary.ts";

const home = mkdtempSync(join(tmpdir(), "awsmfa-man-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

test("each command's section is what `awsmfa help COMMAND` prints", async () => {
  const binary = await awsmfaBinary();
  const sections = await manualSections(pkg.version);
  expect(sections.map((s) => s.name)).toContain("upgrade");
  expect(sections.length).toBeGreaterThan(10);
  for (const section of sections.slice(1)) {
    const help = Bun.spawnSync([binary, "help", section.name], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home },
    });
    expect({ name: section.name, text: help.stdout.toString() }).toEqual(section);
  }
}, 60_000);

test("man renders the page without warnings", async () => {
  const page = join(home, "awsmfa.1");
  const sections = await manualSections(pkg.version);
  writeFileSync(page, renderManPage(sections, pkg.version, pkg.description));
  if (!Bun.which("man")) throw new Error("man is not installed (apt-get install man-db)");
  const r = Bun.spawnSync(["man", "--warnings", "-l", page], {
    env: { ...process.env, MANWIDTH: "100", MANPAGER: "cat", PAGER: "cat" },
  });
  expect(r.stderr.toString()).toBe("");
  expect(r.stdout.toString()).toContain("awsmfa help COMMAND prints");
  expect(r.stdout.toString()).toContain("Usage: awsmfa upgrade [options]");
});
