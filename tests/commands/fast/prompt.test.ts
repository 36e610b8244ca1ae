/**
 * The prompt's own path (src/commands/fast/prompt.ts): it answers what it can print as it is,
 * and leaves a segment with characters a terminal would act on to the general tier, which
 * escapes them. What it prints is compared with the full CLI in tests/e2e/fast-path.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promptMain } from "../../../src/commands/fast/prompt.ts";

const soon = () => String(Math.floor(Date.now() / 1000) + 3600);

describe("promptMain", () => {
  test("answers a shell without a session with nothing at all", async () => {
    expect(await promptMain({ kind: "prompt", template: undefined }, {})).toBe(true);
  });

  test.each([
    // An escape sequence, a tab or a line break is shown escaped by promptSegment (\x1b,
    // \x09, \x0a: printable ASCII, answered here): not among these.
    ["a character outside ASCII", "prød"],
  ])("leaves a profile name with %s to the general tier", async (_what, profile) => {
    const env = { AWS_PROFILE: profile, AWSMFA_EXPIRES: soon() };
    expect(await promptMain({ kind: "prompt", template: undefined }, env)).toBe(false);
  });
});

// A non-blocking stdout that is full and never read, as only a Python harness sets it up here
// (a child Bun spawns gets its pipe blocking; see tests/system/write-all-nonblocking.test.ts).
const HARNESS = `
import os, fcntl, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
try:
    while True: os.write(w, b"x" * 65536)
except BlockingIOError:
    pass
started = time.time()
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE, timeout=20)
sys.stdout.write(f"{time.time() - started:.2f} {p.stderr.decode().strip()}\\n")
`;

describe.skipIf(process.platform === "win32")("promptMain on a stdout nobody reads", () => {
  test("gives up at its deadline with writer.ts's message, instead of waiting for ever", () => {
    const folder = mkdtempSync(join(tmpdir(), "awsmfa-prompt-stall-"));
    try {
      const script = join(folder, "child.ts");
      const prompt = join(import.meta.dir, "../../../src/commands/fast/prompt.ts");
      const env = { AWS_PROFILE: "prod", AWSMFA_EXPIRES: soon() };
      writeFileSync(
        script,
        `import { promptMain } from ${JSON.stringify(prompt)};
try {
  await promptMain({ kind: "prompt", template: undefined }, ${JSON.stringify(env)}, 300);
  console.error("returned");
} catch (error) {
  console.error(String(error));
}
process.exit(0);
`,
      );
      const run = Bun.spawnSync(["python3", "-c", HARNESS, process.execPath, script], {
        timeout: 30_000,
      });
      const [took, ...said] = run.stdout.toString().trim().split(" ");
      expect(said.join(" ")).toBe(
        "UserError: awsmfa gave up writing its output: nothing read it for 30 s.",
      );
      expect(Number(took)).toBeLessThan(10);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
