/**
 * The compiled host binary that e2e tests run. Built once per test run (per process), into
 * a temporary folder so that a parallel `npm run build` cannot replace it mid-run.
 * AWSMFA_TEST_BINARY points at an existing binary instead (e.g. one built by .ci/run).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dir, "..", "..");
let built: Promise<string> | undefined;

export function awsmfaBinary(): Promise<string> {
  built ??= build();
  return built;
}

async function build(): Promise<string> {
  const given = process.env.AWSMFA_TEST_BINARY;
  if (given) return resolve(given);
  const outfile = join(mkdtempSync(join(tmpdir(), "awsmfa-bin-")), "awsmfa");
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
