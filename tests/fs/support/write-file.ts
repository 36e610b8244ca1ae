/**
 * Child process: `write-file.ts <atomic|update> <path> <text>` writes the text with
 * writeFileAtomic or appends it with updateFile, and prints the outcome as JSON on stdout.
 * Used to run a write as another user (a real EACCES even when the tests run as root).
 */
import * as fs from "node:fs/promises";
import { writeFileAtomic } from "../../../src/fs/atomic-write.ts";
import { updateFile } from "../../../src/fs/update.ts";

const [how, path, text] = process.argv.slice(2) as [string, string, string];
try {
  if (how === "atomic") await writeFileAtomic(fs, path, text, { pid: process.pid });
  else await updateFile(fs, path, (current) => (current ?? "") + text, { pid: process.pid });
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  const { name, message, hint } = error as { name: string; message: string; hint?: string };
  console.log(JSON.stringify({ ok: false, name, message, hint }));
}
