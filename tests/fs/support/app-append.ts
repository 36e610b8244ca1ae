/**
 * Child process: `app-append.ts <path> <line>` appends a line with updateFile and the options
 * the app itself uses (realDeps, fileOptionsFrom), and prints {ok} or {ok: false, message}.
 */
import { fileOptionsFrom } from "../../../src/fs/from-deps.ts";
import { updateFile } from "../../../src/fs/update.ts";
import { realDeps } from "../../../src/system/index.ts";
import { processFacts } from "../../support/process-facts.ts";

const [path, line] = process.argv.slice(2) as [string, string];
const deps = realDeps(processFacts());
try {
  await updateFile(deps.fs, path, (text) => `${text ?? ""}${line}\n`, fileOptionsFrom(deps));
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, message: (error as Error).message }));
}
