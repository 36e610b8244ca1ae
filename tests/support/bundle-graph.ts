/**
 * src/main.ts bundled as the binary is (`bun build --splitting`, the SDK's ES modules, the
 * keychain addon's per-target requires folded away), read back as a graph of chunks: which
 * source files each chunk runs when it loads, which chunks and built-ins it imports
 * statically. The tests of what a path loads (startup-imports, known-login-imports,
 * no-http2) ask their questions of it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILD_TSCONFIG } from "../../scripts/build/build-tsconfig.ts";

const ROOT = join(import.meta.dir, "..", "..");

export interface Chunk {
  /** Source files bundled into it and run when it loads (the bundler's `// path` comments). */
  files: string[];
  /** Other chunks it imports statically. */
  chunks: string[];
  /** Built-in modules it imports statically, without `node:`. */
  builtins: string[];
}

export interface BundleGraph {
  chunks: Map<string, Chunk>;
  /** Every chunk's text. */
  texts: string[];
  /** The chunk that runs `file` (a path from the repository root). */
  chunkOf(file: string): string;
  /** What loading these files brings along through static imports. */
  reach(files: readonly string[]): { files: string[]; builtins: Set<string> };
}

/** Bundles src/main.ts into `out` (an empty folder the caller removes) and reads the chunks. */
export async function makeBundleGraph(out: string): Promise<BundleGraph> {
  const built = await Bun.build({
    entrypoints: [join(ROOT, "src", "main.ts")],
    outdir: out,
    target: "bun",
    format: "esm",
    splitting: true,
    conditions: ["module"],
    tsconfig: BUILD_TSCONFIG,
    // Folds the keychain addon's per-target requires away, as the real build does.
    minify: { syntax: true },
    define: { AWSMFA_KEYRING_ADDON: '""', AWSMFA_FAST_PATH: "true" },
  });
  if (!built.success) throw new AggregateError(built.logs, "bun build failed");
  const chunks = new Map<string, Chunk>();
  const texts: string[] = [];
  for (const name of readdirSync(out).filter((file) => file.endsWith(".js"))) {
    const text = readFileSync(join(out, name), "utf8");
    texts.push(text);
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
  const chunkOf = (file: string) => {
    const found = [...chunks].find(([, chunk]) => chunk.files.includes(file));
    if (!found) throw new Error(`${file} is in no chunk`);
    return found[0];
  };
  const reach = (files: readonly string[]) => {
    const reached = new Set<string>();
    const visit = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      for (const next of chunks.get(name)!.chunks) visit(next);
    };
    for (const file of files) visit(chunkOf(file));
    return {
      files: [...reached].flatMap((name) => chunks.get(name)!.files),
      builtins: new Set([...reached].flatMap((name) => chunks.get(name)!.builtins)),
    };
  };
  return { chunks, texts, chunkOf, reach };
}

/**
 * A fresh login's entry points in the bundle graph: what a login loads before its call
 * (known-login-imports.test.ts), and what the STS call loads (aws/clients.ts's dynamic
 * imports). Tests that hold the login's imports start from these.
 */
export const FRESH_LOGIN_ENTRIES: readonly string[] = [
  "src/main.ts",
  "src/cli.ts",
  "src/system/index.ts",
  "src/commands/known-login.ts",
  "src/commands/login.ts",
  "src/aws/clients.ts",
  "src/aws/fetch-handler.ts",
  "node_modules/@aws-sdk/client-sts/dist-es/STSClient.js",
  "node_modules/@aws-sdk/client-sts/dist-es/commands/GetSessionTokenCommand.js",
];
