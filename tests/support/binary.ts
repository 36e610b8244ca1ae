/**
 * The compiled host binaries that e2e tests run. Built once per test run (per process), into
 * a temporary folder so that a parallel `npm run build` cannot replace them mid-run.
 *   awsmfaBinary()       the product (src/main.ts); AWSMFA_TEST_BINARY points at an existing
 *                        binary instead (e.g. one built by .ci/run)
 *   awsmfaFaultBinary()  the crash tests' own binary, from tests/support/fault-main.ts: the
 *                        product plus fault hooks armed by AWSMFA_TEST_FAULT (always built
 *                        here: no shipped binary has them)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..", "..");
let built: Promise<string> | undefined;
let builtFault: Promise<string> | undefined;
let folder: string | undefined;

/** Removes the binaries this process built (112 MB each): tests/support/preload.ts, demo, bench. */
export function removeTestBinary(): void {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  built = undefined;
  builtFault = undefined;
}

export function awsmfaBinary(): Promise<string> {
  const given = process.env.AWSMFA_TEST_BINARY;
  built ??= given ? Promise.resolve(resolve(given)) : build("awsmfa");
  return built;
}

export function awsmfaFaultBinary(): Promise<string> {
  builtFault ??= build("awsmfa-fault", join(root, "tests", "support", "fault-main.ts"));
  return builtFault;
}

async function build(name: string, entry?: string): Promise<string> {
  folder ??= mkdtempSync(join(tmpdir(), "awsmfa-bin-"));
  const outfile = join(folder, name);
  const child = Bun.spawn(
    [
      process.execPath,
      join(root, "build.ts"),
      "--host",
      "--outfile",
      outfile,
      ...(entry ? ["--entry", entry] : []),
    ],
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
