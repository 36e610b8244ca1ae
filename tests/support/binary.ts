/**
 * The compiled host binary that e2e tests run. Built once per test run (per process), into
 * a temporary folder so that a parallel `npm run build` cannot replace it mid-run.
 * AWSMFA_TEST_BINARY points at an existing binary instead (e.g. one built by .ci/run).
 * awsmfaFaultBinary() is the crash tests' own binary, from tests/support/fault-main.ts: the
 * product plus fault hooks armed by AWSMFA_TEST_FAULT (always built here: no shipped binary
 * has them).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..", "..");
let built: Promise<string> | undefined;
let folder: string | undefined;
let fullBuilt: Promise<string> | undefined;
let fullFolder: string | undefined;
let faultBuilt: Promise<string> | undefined;
let faultFolder: string | undefined;

/** Removes the binaries this process built (112 MB each): tests/support/preload.ts, demo, bench. */
export function removeTestBinary(): void {
  for (const path of [folder, fullFolder, faultFolder]) {
    if (path) rmSync(path, { recursive: true, force: true });
  }
  folder = undefined;
  built = undefined;
  fullFolder = undefined;
  fullBuilt = undefined;
  faultFolder = undefined;
  faultBuilt = undefined;
}

export function awsmfaBinary(): Promise<string> {
  built ??= build();
  return built;
}

/**
 * The host binary built with --no-fast-path: every command through commander and the full
 * CLI. tests/e2e/fast-path.test.ts compares it with awsmfaBinary() byte for byte.
 */
export function fullPathBinary(): Promise<string> {
  fullBuilt ??= (async () => {
    fullFolder = mkdtempSync(join(tmpdir(), "awsmfa-bin-full-"));
    return compileHost(join(fullFolder, "awsmfa"), ["--no-fast-path"]);
  })();
  return fullBuilt;
}

export function awsmfaFaultBinary(): Promise<string> {
  faultBuilt ??= (async () => {
    faultFolder = mkdtempSync(join(tmpdir(), "awsmfa-bin-fault-"));
    const entry = join(root, "tests", "support", "fault-main.ts");
    return compileHost(join(faultFolder, "awsmfa"), ["--entry", entry]);
  })();
  return faultBuilt;
}

async function build(): Promise<string> {
  const given = process.env.AWSMFA_TEST_BINARY;
  if (given) return resolve(given);
  folder = mkdtempSync(join(tmpdir(), "awsmfa-bin-"));
  return compileHost(join(folder, "awsmfa"));
}

async function compileHost(outfile: string, flags: readonly string[] = []): Promise<string> {
  const child = Bun.spawn(
    [process.execPath, join(root, "build.ts"), "--host", ...flags, "--outfile", outfile],
    {
      cwd: root,
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [code, err] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  if (code !== 0) throw new Error(`building the test binary failed:\n${err}`);
  return outfile;
}
