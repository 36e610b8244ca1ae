/**
 * A login cli.ts runs without a parser (commands/known-login.ts) loads cli.ts, the real Deps
 * (system/index.ts), the recogniser and login.ts: bundled as the binary is, none of them may
 * reach commander or node:child_process by a static import. commander is evaluated on first
 * use (commands/options/commander.ts), child_process when a program is started
 * (system/exec-file.ts childProcess): ~1.5 ms of a fresh login. The AWS SDK stays behind its
 * dynamic import too.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeBundleGraph } from "../support/bundle-graph.ts";

const out = mkdtempSync(join(tmpdir(), "awsmfa-known-login-imports-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test("the known login's static imports reach neither commander nor child_process", async () => {
  const graph = await makeBundleGraph(out);
  const { files, builtins } = graph.reach([
    "src/cli.ts",
    "src/system/index.ts",
    "src/commands/known-login.ts",
    "src/commands/login.ts",
  ]);
  // The graph is really there: the session code and the file system are loaded.
  expect(files).toContain("src/session/get-session.ts");
  expect(builtins).toContain("fs");
  expect(files.filter((file) => /node_modules\/(commander|@commander-js)\//.test(file))).toEqual(
    [],
  );
  expect(files.filter((file) => file.startsWith("node_modules/@aws-sdk/"))).toEqual([]);
  expect(builtins.has("child_process")).toBe(false);
  // The full CLI's parse still finds commander: cli.ts imports it when it builds the program.
  expect(
    [...graph.chunks.values()].some((c) => c.files.includes("node_modules/commander/index.js")),
  ).toBe(true);
}, 60_000);

test("nor what runs programs, opens the terminal or lists the commands: each loads at first use", async () => {
  const graph = await makeBundleGraph(out);
  const { files } = graph.reach([
    "src/cli.ts",
    "src/system/index.ts",
    "src/commands/known-login.ts",
  ]);
  // The graph is really there: the real Deps and their file system are in it.
  expect(files).toContain("src/system/sync-fs.ts");
  const lazy = [
    "src/commands/index.ts",
    "src/system/child-guard.ts",
    "src/system/exec-file.ts",
    "src/system/spawn-interactive.ts",
    "src/system/stdin.ts",
    "src/system/terminal.ts",
  ];
  expect(lazy.filter((file) => files.includes(file))).toEqual([]);
}, 60_000);
