/**
 * shell-init prints Tab completion and the prompt hook rendered ahead of time
 * (src/shell/built-extras.generated.json). That text must be what the renderers make of the
 * real command line today, for any path of the binary: a command, subcommand, flag or choice
 * added without regenerating the file fails here (and the build refuses it).
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GENERATED,
  generatedFile,
  renderExtras,
  staleExtras,
} from "../../scripts/build/shell-extras.ts";
import { buildProgram } from "../../src/cli.ts";
import { completionSpec } from "../../src/commands/completion-spec.ts";
import { BINARY_PLACEHOLDER, builtExtras, withBinary } from "../../src/shell/built-extras.ts";
import { initExtras, SHELLS, shellSyntax } from "../../src/shell/index.ts";
import { testDeps } from "../support/test-deps.ts";
import { hostileValues } from "./hostile-values.ts";

const SPEC = completionSpec(
  await buildProgram({ deps: testDeps().deps, state: { exitCode: 0, outputMode: undefined } }),
);

/** Paths a binary may live at: plain, Windows, and every hostile string of the shell tests. */
const BINARIES = [
  "/usr/local/bin/awsmfa",
  "C:\\Users\\Ann Lee\\AppData\\Local\\awsmfa\\awsmfa.exe",
  "/opt/$&/$1/awsmfa",
  ...hostileValues("/tmp/trap")
    .filter((value) => !value.includes("\0"))
    .map((value) => `/tmp/${value}/awsmfa`),
];

test("the generated file is what today's command line renders (else: bun scripts/build/shell-extras.ts)", async () => {
  // As JSON: a Windows checkout may have CRLF line ends between the entries.
  const found = JSON.parse(readFileSync(GENERATED, "utf8"));
  expect(found).toEqual(JSON.parse(generatedFile(await renderExtras())));
  expect(await staleExtras()).toBeUndefined();
});

test("a stale or missing file is refused, with the command that regenerates it; CRLF line ends are not stale", async () => {
  const folder = mkdtempSync(join(tmpdir(), "awsmfa-built-extras-"));
  try {
    const rendered = await renderExtras();
    const stale = join(folder, "stale.json");
    writeFileSync(stale, generatedFile({ ...rendered, fish: rendered.fish.replace("--", "-") }));
    const crlf = join(folder, "crlf.json");
    writeFileSync(crlf, generatedFile(rendered).replaceAll("\n", "\r\n"));
    expect(await staleExtras(crlf)).toBeUndefined();
    for (const path of [stale, join(folder, "missing.json")]) {
      expect(await staleExtras(path)).toContain("run `bun scripts/build/shell-extras.ts`");
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe.each(SHELLS.map((shell) => [shell.name, shell] as const))("%s", (_name, shell) => {
  test.each(BINARIES.map((binary) => [binary]))(
    "shell-init's text for %p is what the renderers make",
    async (binary) => {
      expect(await builtExtras(shell, binary)).toBe(await initExtras(shell, SPEC, binary));
    },
  );

  test("the placeholder is gone once the path is in", async () => {
    const text = await builtExtras(shell, "/usr/local/bin/awsmfa");
    expect(text).not.toContain(BINARY_PLACEHOLDER);
    expect(text).toContain("_profiles");
  });
});

test("withBinary puts in the path quoted for the shell, each time the placeholder is quoted", () => {
  const bash = shellSyntax("bash")!;
  const text = `a ${bash.quote(BINARY_PLACEHOLDER)} b ${bash.quote(BINARY_PLACEHOLDER)}`;
  expect(withBinary(text, bash, "/o'k/$&")).toBe(`a '/o'\\''k/$&' b '/o'\\''k/$&'`);
});
