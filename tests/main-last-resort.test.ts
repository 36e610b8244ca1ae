/**
 * main.ts's last resort: an error that escapes everything (here, thrown from a timer while
 * the CLI runs) is one line on stderr and exit 1, never Bun's report quoting the bundle.
 * The last resort loads what it needs when it is needed (ui/report.ts, node:fs), so this
 * checks that it still says it.
 *
 * Deterministic by construction: the fault is armed when the CLI reaches a wait that never
 * ends (`configure --secret-access-key -` reading its line, through main()'s test-only
 * `adjust`), so the CLI cannot finish first. It once ran `--help` with a timer armed before
 * main(): under load the help was printed and exit 0 taken while the last resort was still
 * loading ui/report.ts. The delays below (0 and 200 ms after the CLI waits) show the outcome
 * no longer depends on when the fault comes.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = join(import.meta.dir, "..", "src", "main.ts");

const FAULTS = [
  ["an uncaught exception", "throw new Error('boom\\nsecond line');"],
  ["an unhandled rejection", "Promise.reject(new Error('boom\\nsecond line'));"],
] as const;
const SAID =
  "awsmfa: unexpected error: Error: boom\n  This is a bug in awsmfa. Run again with AWSMFA_DEBUG=1 for details, and report it.\n";

/**
 * A crash script: main() whose stdin read arms `fault` after `delay` ms and never answers,
 * holding the event loop open as a real read does.
 */
function crashScript(fault: string, delay: number): string {
  return [
    `import { main } from ${JSON.stringify(MAIN)};`,
    "await main((deps) => ({",
    "  ...deps,",
    "  terminal: () => null,",
    "  io: {",
    "    ...deps.io,",
    "    readLine: () => {",
    `      setTimeout(() => { ${fault} }, ${delay});`,
    // A real read holds the event loop open (stdin); a bare pending promise would not.
    "      setInterval(() => {}, 60_000);",
    "      return new Promise(() => {});",
    "    },",
    "  },",
    "}));",
    "",
  ].join("\n");
}

/** A command that reaches a wait at once: the secret read from stdin. */
const CONFIGURE = [
  "configure",
  "crash",
  "--access-key-id",
  "AKIAIOSFODNN7EXAMPLE",
  "--secret-access-key",
  "-",
];

describe("the last resort", () => {
  test.each(
    FAULTS.flatMap(([what, fault]) => [0, 200].map((delay) => [what, delay, fault] as const)),
  )("turns %s (%i ms into a wait) into one line and exit 1", (_what, delay, fault) => {
    const folder = mkdtempSync(join(tmpdir(), "awsmfa-last-resort-"));
    try {
      const script = join(folder, "crash.ts");
      writeFileSync(script, crashScript(fault, delay));
      const run = Bun.spawnSync([process.execPath, script, ...CONFIGURE], {
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: folder },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
        timeout: 30_000,
      });
      expect(run.stderr.toString()).toBe(SAID);
      expect(run.exitCode).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // It writes to fd 2 itself, past the writers: a value in the message is shown escaped.
  test("an escape sequence in the message reaches stderr escaped", () => {
    const folder = mkdtempSync(join(tmpdir(), "awsmfa-last-resort-"));
    try {
      const script = join(folder, "crash.ts");
      writeFileSync(script, crashScript("throw new Error('boom \\x1b]0;x\\x07\\u202e');", 0));
      const run = Bun.spawnSync([process.execPath, script, ...CONFIGURE], {
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: folder },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
        timeout: 30_000,
      });
      expect(run.stderr.toString()).toBe(SAID.replace("boom", "boom \\x1b]0;x\\x07\\u202e"));
      expect(run.exitCode).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
