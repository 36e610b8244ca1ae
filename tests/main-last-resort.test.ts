/**
 * main.ts's last resort: an error that escapes everything (here, thrown from a timer while
 * the CLI runs) is one line on stderr and exit 1, never Bun's report quoting the bundle.
 * The last resort loads what it needs when it is needed (ui/report.ts, node:fs), so this
 * checks that it still says it.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = join(import.meta.dir, "..", "src", "main.ts");

describe("the last resort", () => {
  test.each([
    ["an uncaught exception", "setTimeout(() => { throw new Error('boom\\nsecond line'); }, 0);"],
    [
      "an unhandled rejection",
      "setTimeout(() => { Promise.reject(new Error('boom\\nsecond line')); }, 0);",
    ],
  ])("turns %s into one line and exit 1", (_what, fault) => {
    const folder = mkdtempSync(join(tmpdir(), "awsmfa-last-resort-"));
    try {
      const script = join(folder, "crash.ts");
      // `awsmfa wait-forever`-like: the full CLI is still starting when the timer fires.
      writeFileSync(
        script,
        `import { main } from ${JSON.stringify(MAIN)};\n${fault}\nawait main((deps) => deps);\n`,
      );
      const run = Bun.spawnSync([process.execPath, script, "--help"], {
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: folder },
        stdout: "pipe",
        stderr: "pipe",
        timeout: 30_000,
      });
      expect(run.exitCode).toBe(1);
      expect(run.stderr.toString()).toBe(
        "awsmfa: unexpected error: Error: boom\n  This is a bug in awsmfa. Run again with AWSMFA_DEBUG=1 for details, and report it.\n",
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
