/**
 * The entry point build.ts compiles (scripts/build/fast-entry.ts): the fast path's lean tiers
 * each one self-contained module, main.ts's static imports inlined, and every other dynamic
 * import left to the compiler's chunks. The compiled binary's behaviour is the e2e tests'
 * (tests/e2e/fast-path.test.ts compares it with a build without the fast path).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fastEntry } from "../../../scripts/build/fast-entry.ts";

const src = join(import.meta.dir, "..", "..", "..", "src");
const folder = mkdtempSync(join(tmpdir(), "awsmfa-fast-entry-"));
let entry = "";
const read = (name: string) => readFileSync(join(folder, name), "utf8");

/** Every module specifier a bundle names: static imports, re-exports, dynamic imports. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(
    /\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|\bimport\s*"([^"]+)"/g,
  )) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

/** The specifiers of node's and Bun's built-in modules, which are not files. */
const builtin = (specifier: string) =>
  !specifier.startsWith("/") && !specifier.startsWith(".") && !specifier.includes("\\");

beforeAll(async () => {
  entry = await fastEntry(src, folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("fastEntry", () => {
  test("returns main.js in the folder it was given", () => {
    expect(entry).toBe(join(folder, "main.js"));
  });

  test.each(["lean.js", "prompt.js"])("%s is self-contained: it imports built-ins only", (name) => {
    const imports = specifiers(read(name));
    expect(imports.filter((s) => !builtin(s))).toEqual([]);
  });

  test("main.js loads the two tiers from the folder, the rest from src/, nothing statically", () => {
    const code = read("main.js");
    const imports = specifiers(code).filter((s) => !builtin(s));
    expect(imports).toContain(join(folder, "lean.js"));
    expect(imports).toContain(join(folder, "prompt.js"));
    for (const rest of ["cli.ts", "system/index.ts", "commands/fast/index.ts", "ui/report.ts"]) {
      expect(imports).toContain(join(src, rest));
    }
    // Everything main.ts imports statically (the argv reader) is part of main.js itself.
    expect(
      imports.every((s) => s.endsWith("lean.js") || s.endsWith("prompt.js") || s.startsWith(src)),
    ).toBe(true);
    expect(code).not.toMatch(/^import .* from "\//m);
    expect(code).toContain("function fastInvocation(");
  });

  test("prompt.js does not load node:fs (it writes with Bun's own writer)", () => {
    expect(specifiers(read("prompt.js"))).not.toContain("fs");
    expect(specifiers(read("prompt.js"))).not.toContain("node:fs");
  });

  test("the lean tier's rules are the source files', not copies made elsewhere", () => {
    const lean = read("lean.js");
    // Bun names each bundled module by its path under src/.
    for (const rule of [
      "src/config/key-state.ts",
      "src/session/serial-format.ts",
      "src/aws/region.ts",
    ]) {
      expect(lean).toContain(`// ${rule}`);
    }
  });
});
