/**
 * The compiled host binary that e2e tests run. Built once per test run (per process), into
 * a temporary folder so that a parallel `npm run build` cannot replace it mid-run.
 * AWSMFA_TEST_BINARY points at an existing binary instead (e.g. one built by .ci/run).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..", "..");
let built: Promise<string> | undefined;
let folder: string | undefined;

/** Removes the binary this process built (112 MB): tests/support/preload.ts, demo, bench. */
export function removeTestBinary(): void {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  built = undefined;
}

export function awsmfaBinary(): Promise<string> {
  built ??= build();
  return built;
}

async function build(): Promise<string> {
  const given = process.env.AWSMFA_TEST_BINARY;
  if (given) return resolve(given);
  folder = mkdtempSync(join(tmpdir(), "awsmfa-bin-"));
  const outfile = join(folder, "awsmfa");
  const child = Bun.spawn(
    [process.execPath, join(root, "build.ts"), "--host", "--outfile", outfile],
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
