/**
 * botocore as a test oracle: writes many files to a temp folder and reads them all in ONE
 * python run (botocore_read.py), so the tests stay fast.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FileKind, IniValue } from "../../../src/ini/index.ts";

const SCRIPT = join(import.meta.dir, "botocore_read.py");

function probe(): string | undefined {
  try {
    const run = Bun.spawnSync(["python3", "-c", "import botocore"], { stderr: "pipe" });
    if (run.exitCode === 0) return undefined;
    return `python3 cannot import botocore: ${run.stderr.toString().trim().split("\n").pop()}`;
  } catch (error) {
    return `python3 is not available: ${String(error)}`;
  }
}

/** Why the botocore tests cannot run here, or undefined when they can. */
export const botocoreMissing = probe();
if (botocoreMissing) console.log(`skipping the comparisons with botocore: ${botocoreMissing}`);

type Pairs = Array<[string, Record<string, IniValue>]>;

export type BotocoreFile =
  | { ok: true; profiles: Pairs; "sso-session"?: Pairs; services?: Pairs }
  | { ok: false; error: string };

export interface BotocoreAnswer {
  files: BotocoreFile[];
  shlex: Array<string[] | null>;
}

export async function askBotocore(
  files: ReadonlyArray<{ text: string; kind: FileKind }>,
  shlex: readonly string[] = [],
): Promise<BotocoreAnswer> {
  const folder = mkdtempSync(join(tmpdir(), "awsmfa-ini-"));
  try {
    const request = {
      files: files.map((file, i) => {
        const path = join(folder, `${i}.ini`);
        writeFileSync(path, file.text, "utf8");
        return { path, kind: file.kind };
      }),
      shlex,
    };
    const child = Bun.spawn(["python3", SCRIPT], {
      stdin: new TextEncoder().encode(JSON.stringify(request)),
      stdout: "pipe",
      stderr: "pipe",
      // Read files as UTF-8 whatever the machine's locale says.
      env: { ...process.env, PYTHONUTF8: "1" },
    });
    const [out, err, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    if (code !== 0) throw new Error(`botocore_read.py failed (${code}): ${err}`);
    return JSON.parse(out) as BotocoreAnswer;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
