/**
 * What the full CLI loads before any command runs. `--help` loads every command's definition
 * (commands/index.ts), so whatever a definition imports statically, every one of them pays
 * for at start-up. Bundled as the binary is (`bun build --splitting`), the static
 * import graph of cli.ts, system/index.ts and every definition must not reach the modules that
 * cost start-up time (docs/performance.md, "Full CLI start-up"): node:http, node:crypto,
 * node:zlib, node:stream and the like, or any package but commander (the AWS SDK, the prompts,
 * the keychain addon). Those belong behind an `await import()` where a command uses them.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeBundleGraph } from "../support/bundle-graph.ts";

const ROOT = join(import.meta.dir, "..", "..");
const COSTLY_BUILTINS = ["crypto", "http", "https", "net", "readline", "stream", "tls", "zlib"];
const ALLOWED_PACKAGES = ["node_modules/commander/", "node_modules/@commander-js/"];

const out = mkdtempSync(join(tmpdir(), "awsmfa-startup-imports-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The command definitions commands/index.ts loads, as paths from the repository root. */
function definitions(): string[] {
  const list = readFileSync(join(ROOT, "src", "commands", "index.ts"), "utf8");
  return [...list.matchAll(/import\("\.\/([^"]+)"\)/g)].map(([, path]) => `src/commands/${path}`);
}

test("the definitions of all commands load nothing costly at start-up", async () => {
  const graph = await makeBundleGraph(out);
  const roots = ["src/cli.ts", "src/system/index.ts", ...definitions()];
  expect(roots.length).toBeGreaterThan(15);
  const { files, builtins } = graph.reach(roots);

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
