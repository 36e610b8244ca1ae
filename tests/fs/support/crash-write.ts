/**
 * Child process: `crash-write.ts <atomic|app> <path> <text>` replaces the file's text and is
 * meant to die at the worst moment, after the temp file is written and before the rename.
 *   atomic  writeFileAtomic with a hook that exits with code 99
 *   app     updateFile with the real Deps, their hooks armed from AWSMFA_TEST_FAULT the way
 *           the crash tests' binary arms them (tests/support/fault-main.ts)
 */
import * as fs from "node:fs/promises";
import { writeFileAtomic } from "../../../src/fs/atomic-write.ts";
import { fileOptionsFrom } from "../../../src/fs/from-deps.ts";
import { updateFile } from "../../../src/fs/update.ts";
import { realDeps } from "../../../src/system/index.ts";
import { faultHooks } from "../../support/fault-hooks.ts";
import { processFacts } from "../../support/process-facts.ts";

const [how, path, text] = process.argv.slice(2) as [string, string, string];
if (how === "atomic") {
  await writeFileAtomic(fs, path, text, {
    pid: process.pid,
    hooks: { afterTempWritten: () => process.exit(99) },
  });
} else {
  const real = realDeps(processFacts({ env: { ...process.env } }));
  const deps = {
    ...real,
    hooks: faultHooks(real.env.AWSMFA_TEST_FAULT ?? "", (code) => process.exit(code)),
  };
  await updateFile(deps.fs, path, () => text, fileOptionsFrom(deps));
}
console.log("the write finished: the fault did not happen");
