/**
 * `shell-init SHELL` is run by cli.ts without a parser (commands/shell-init-script.ts): bundled
 * as the binary is, what it loads (cli.ts, the real Deps, the script and the text rendered
 * ahead of time) must not reach commander or any command's definition by a static import.
 * Loading and defining them was ~4 ms of the ~14 ms shell-init took (docs/performance.md).
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeBundleGraph } from "../support/bundle-graph.ts";

const out = mkdtempSync(join(tmpdir(), "awsmfa-shell-init-imports-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test("shell-init's static imports reach neither commander nor a command definition", async () => {
  const graph = await makeBundleGraph(out);
  const { files } = graph.reach([
    "src/cli.ts",
    "src/system/index.ts",
    "src/commands/shell-init-script.ts",
    "src/shell/built-extras.ts",
  ]);
  // The graph is really there: the shells and the generated text are in it.
  expect(files).toContain("src/shell/bash/shell.ts");
  expect(files).toContain("src/shell/built-extras.ts");
  expect(files.filter((file) => /node_modules\/(commander|@commander-js)\//.test(file))).toEqual(
    [],
  );
  // cli.ts's own: commander's holder (the command list loads with commander, in buildProgram).
  const commands = files.filter((file) => file.startsWith("src/commands/"));
  expect(commands.sort()).toEqual([
    "src/commands/options/commander.ts",
    "src/commands/shell-init-script.ts",
    "src/commands/words.ts",
  ]);
  // Nor any shell's renderer: the text was rendered ahead of time.
  expect(files.filter((file) => /src\/shell\/[a-z]+\/(completion|hook)\.ts$/.test(file))).toEqual(
    [],
  );
}, 60_000);
