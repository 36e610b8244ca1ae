/**
 * What the full CLI loads before any command runs. `--help` and shell-init load every command's
 * definition (commands/index.ts), so whatever a definition imports statically, every one of
 * them pays for at start-up. Bundled as the binary is (`bun build --splitting`), the static
 * import graph of cli.ts, system/index.ts and every definition must not reach the modules that
 * cost start-up time (docs/performance.md, "Full CLI start-up"): node:http, node:crypto,
 * node:zlib, node:stream and the like, or any package but commander (the AWS SDK, the prompts,
 * the keychain addon). Those belong behind an `await import()` where a command uses them.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
const COSTLY_BUILTINS = ["crypto", "http", "https", "net", "readline", "stream", "tls", "zlib"];
const ALLOWED_PACKAGES = ["node_modules/commander/", "node_modules/@commander-js/"];

interface Chunk {
  /** Source files bundled into it and run when it loads (the bundler's `// path` comments). */
  files: string[];
  /** Other chunks it imports statically. */
  chunks: string[];
  /** Built-in modules it imports statically. */
  builtins: string[];
}

const out = mkdtempSync(join(tmpdir(), "awsmfa-startup-imports-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bundle(): Promise<Map<string, Chunk>> {
  const built = await Bun.build({
    entrypoints: [join(ROOT, "src", "main.ts")],
    outdir: out,
    target: "bun",
    format: "esm",
    splitting: true,
    // Folds the keychain addon's per-target requires away, as the real build does.
    minify: { syntax: true },
    define: { AWSMFA_KEYRING_ADDON: '""', AWSMFA_FAST_PATH: "true" },
  });
  if (!built.success) throw new AggregateError(built.logs, "bun build failed");
  const chunks = new Map<string, Chunk>();
  for (const name of readdirSync(out).filter((file) => file.endsWith(".js"))) {
    const text = readFileSync(join(out, name), "utf8");
    const chunk: Chunk = { files: [], chunks: [], builtins: [] };
    // A CommonJS module (`var require_x = __commonJS(...)`) runs only when it is required.
    for (const [, file, next] of text.matchAll(/^\/\/ ((?:src|node_modules)\/\S+)\n(.*)$/gm)) {
      if (!/^var \w+ = __commonJS\(/.test(next!)) chunk.files.push(file!);
    }
    for (const [, from] of text.matchAll(/^import\s*(?:[^;]*?\bfrom\s*)?"([^"]+)";?$/gms)) {
      if (from!.startsWith("./")) chunk.chunks.push(from!.slice(2));
      else chunk.builtins.push(from!.replace(/^node:/, ""));
    }
    chunks.set(name, chunk);
  }
  return chunks;
}

/** The command definitions commands/index.ts loads, as paths from the repository root. */
function definitions(): string[] {
  const list = readFileSync(join(ROOT, "src", "commands", "index.ts"), "utf8");
  return [...list.matchAll(/import\("\.\/([^"]+)"\)/g)].map(([, path]) => `src/commands/${path}`);
}

test("the definitions of all commands load nothing costly at start-up", async () => {
  const chunks = await bundle();
  const chunkOf = (file: string) => {
    const found = [...chunks].find(([, chunk]) => chunk.files.includes(file));
    if (!found) throw new Error(`${file} is in no chunk`);
    return found[0];
  };
  const roots = ["src/cli.ts", "src/system/index.ts", ...definitions()];
  expect(roots.length).toBeGreaterThan(15);

  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const next of chunks.get(name)!.chunks) visit(next);
  };
  for (const root of roots) visit(chunkOf(root));

  const builtins = new Set([...reached].flatMap((name) => chunks.get(name)!.builtins));
  const files = [...reached].flatMap((name) => chunks.get(name)!.files);
  // The graph is really there: commander, fs and child_process are loaded at start-up.
  expect(files).toContain("src/commands/login.ts");
  expect(builtins).toContain("child_process");
  expect(COSTLY_BUILTINS.filter((name) => builtins.has(name))).toEqual([]);
  const packages = files.filter(
    (file) =>
      file.startsWith("node_modules/") &&
      !ALLOWED_PACKAGES.some((allowed) => file.startsWith(allowed)),
  );
  expect(packages).toEqual([]);
}, 60_000);
