/**
 * A login cli.ts runs without a parser (commands/known-login.ts) loads cli.ts, the real Deps
 * (system/index.ts), the recogniser and login.ts: bundled as the binary is, none of them may
 * reach commander or node:child_process by a static import. commander is evaluated on first
 * use (commands/options/commander.ts), child_process when a program is started
 * (system/exec-file.ts childProcess): ~1.5 ms of a fresh login. The AWS SDK stays behind its
 * dynamic import too.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
const out = mkdtempSync(join(tmpdir(), "awsmfa-known-login-imports-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Chunk {
  /** Source files evaluated when it loads (a `__commonJS` module only when required). */
  files: string[];
  chunks: string[];
  builtins: string[];
}

test("the known login's static imports reach neither commander nor child_process", async () => {
  const built = await Bun.build({
    entrypoints: [join(ROOT, "src", "main.ts")],
    outdir: out,
    target: "bun",
    format: "esm",
    splitting: true,
    conditions: ["module"],
    minify: { syntax: true },
    define: { AWSMFA_KEYRING_ADDON: '""', AWSMFA_FAST_PATH: "true" },
  });
  if (!built.success) throw new AggregateError(built.logs, "bun build failed");
  const chunks = new Map<string, Chunk>();
  for (const name of readdirSync(out).filter((file) => file.endsWith(".js"))) {
    const text = readFileSync(join(out, name), "utf8");
    const chunk: Chunk = { files: [], chunks: [], builtins: [] };
    for (const [, file, next] of text.matchAll(/^\/\/ ((?:src|node_modules)\/\S+)\n(.*)$/gm)) {
      if (!/^var \w+ = __commonJS\(/.test(next!)) chunk.files.push(file!);
    }
    for (const [, from] of text.matchAll(/^import\s*(?:[^;]*?\bfrom\s*)?"([^"]+)";?$/gms)) {
      if (from!.startsWith("./")) chunk.chunks.push(from!.slice(2));
      else chunk.builtins.push(from!.replace(/^node:/, ""));
    }
    chunks.set(name, chunk);
  }
  const chunkOf = (file: string) => {
    const found = [...chunks].find(([, chunk]) => chunk.files.includes(file));
    if (!found) throw new Error(`${file} is in no chunk`);
    return found[0];
  };
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const next of chunks.get(name)!.chunks) visit(next);
  };
  const roots = [
    "src/cli.ts",
    "src/system/index.ts",
    "src/commands/known-login.ts",
    "src/commands/login.ts",
  ];
  for (const root of roots) visit(chunkOf(root));
  const files = [...reached].flatMap((name) => chunks.get(name)!.files);
  const builtins = new Set([...reached].flatMap((name) => chunks.get(name)!.builtins));
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
    [...chunks.values()].some((c) => c.files.includes("node_modules/commander/index.js")),
  ).toBe(true);
}, 60_000);
