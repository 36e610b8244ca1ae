/**
 * The entry point build.ts compiles: src/main.ts with the fast path's lean tiers
 * (commands/fast/prompt.ts and lean.ts) bundled beforehand, each into ONE self-contained
 * module, and everything main.ts imports statically (the fast path's argv reader) inlined.
 *
 * Why: with --splitting, Bun puts each group of modules that the same set of chunks share
 * into a chunk of its own. The lean tier shares its small pure rules (key state, regions,
 * the output lines, the writer) with the rest of awsmfa, so a cached login loaded 24 modules
 * for 37 KB of code: linking them and calling across module bindings cost ~0.8 ms of CPU, a
 * tenth of the run (docs/performance.md). Bundled here, the tier is one module; its shared
 * code is a copy of the same source files, so the rules stay in one place in src/.
 *
 * What stays separate: every module main.ts imports dynamically other than the two tiers
 * (the general tier, the full CLI, the error report): the compiler splits those as before,
 * so nothing else gets bigger or starts differently.
 */
import { join } from "node:path";
import { BUILD_TSCONFIG } from "./build-tsconfig.ts";

/** main.ts's dynamic imports that are bundled here, by the name of their output file. */
const LEAN_TIERS: Record<string, string> = {
  "./commands/fast/prompt.ts": "prompt",
  "./commands/fast/lean.ts": "lean",
};

/**
 * Writes main.js, prompt.js and lean.js into `folder` and returns the path of main.js, the
 * entry to compile. `src` is the source folder; the files import what stays separate from it
 * by absolute path.
 */
export async function fastEntry(src: string, folder: string): Promise<string> {
  const main = join(src, "main.ts");
  const tiers = Object.keys(LEAN_TIERS).map((path) => join(src, path));
  const built = await Bun.build({
    entrypoints: [main, ...tiers],
    outdir: folder,
    naming: "[name].js",
    target: "bun",
    format: "esm",
    tsconfig: BUILD_TSCONFIG,
    // Each entry point whole: the tiers must not share chunks with each other or with main.
    splitting: false,
    plugins: [
      {
        name: "main-dynamic-imports",
        setup(plugin) {
          plugin.onResolve({ filter: /^\.\.?\// }, (args) => {
            if (args.importer !== main || args.kind !== "dynamic-import") return undefined;
            const tier = LEAN_TIERS[args.path];
            return {
              path: tier ? join(folder, `${tier}.js`) : join(src, args.path),
              external: true,
            };
          });
        },
      },
    ],
  });
  if (!built.success) {
    throw new Error(`bundling the fast path failed:\n${built.logs.map(String).join("\n")}`);
  }
  const names = built.outputs.map((output) => output.path).sort();
  const expected = ["lean.js", "main.js", "prompt.js"].map((name) => join(folder, name));
  if (names.join("\n") !== expected.join("\n")) {
    throw new Error(`bundling the fast path wrote ${names.join(", ")}`);
  }
  return join(folder, "main.js");
}
