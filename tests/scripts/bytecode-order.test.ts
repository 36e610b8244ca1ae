/**
 * scripts/bytecode-order.ts records the layout build.ts gives the bytecode: it must keep
 * running as the product changes (its four runs are real logins against the fake AWS), and
 * write each function once, the cached paths' first.
 */
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";

const root = resolve(import.meta.dir, "..", "..");

test("bytecode-order.ts records prompt, the cached paths and a fresh login, each line once", async () => {
  const folder = mkdtempSync(join(tmpdir(), "bytecode-order-test-"));
  try {
    const out = join(folder, "order.txt");
    const child = Bun.spawn(
      [process.execPath, join(root, "scripts", "bytecode-order.ts"), "--out", out],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: process.env.HOME ?? "/tmp",
          AWSMFA_TEST_BINARY: await awsmfaBinary(),
        },
        stdin: "ignore",
        stdout: "pipe",
        stderr: "pipe",
        timeout: 50_000,
      },
    );
    const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
    expect(stderr).toContain(`wrote ${out}`);
    expect(code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("v2");
    expect(new Set(lines).size).toBe(lines.length);
    // A fresh login runs the SDK and the session code: thousands of functions besides the
    // cached paths' (~8,800 lines recorded for those alone at the time of writing).
    expect(lines.length).toBeGreaterThan(10_000);
    expect(lines.slice(1).every((line) => /^[A-Z] [0-9a-f]{16}$/.test(line))).toBe(true);
    // The repository's own file is the same kind of record.
    const committed = readFileSync(join(root, "scripts", "bytecode-order.txt"), "utf8");
    expect(committed.startsWith("v2\n")).toBe(true);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 120_000);
