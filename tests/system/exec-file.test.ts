/** execFile: no shell, a timeout that holds even when the child leaves a process behind. */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "../../src/system/exec-file.ts";

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };

describe("execFile", () => {
  test("arguments are passed as they are, never through a shell", async () => {
    const r = await execFile("/bin/echo", ["$HOME", "a b", "`id`"], { env });
    expect(r).toMatchObject({ code: 0, stdout: "$HOME a b `id`\n", timedOut: false });
  });

  test("stdin gets the input and is then closed", async () => {
    const r = await execFile("/bin/cat", [], { env, input: "one line\n" });
    expect(r.stdout).toBe("one line\n");
  });

  test("the timeout ends the wait even when a grandchild keeps the output pipe open", async () => {
    const started = performance.now();
    const r = await execFile("/bin/sh", ["-c", "sleep 5; echo late"], { env, timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.code).toBeNull();
    expect(r.stdout).toBe("");
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test("a child that exits leaving a background process behind: its output, at once", async () => {
    const started = performance.now();
    const r = await execFile("/bin/sh", ["-c", "sleep 5 & echo 123456"], { env });
    expect(r).toMatchObject({ code: 0, stdout: "123456\n", timedOut: false });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test("a missing program is a spawn error, not an exception", async () => {
    const r = await execFile("/nonexistent/op", [], { env });
    expect(r.spawnError?.code).toBe("ENOENT");
    expect(r.code).toBeNull();
  });

  test("a file marked executable that is no program (no #!) is a spawn error too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "awsmfa-exec-"));
    try {
      const script = join(dir, "no-shebang");
      writeFileSync(script, "echo 123456\n", { mode: 0o755 });
      const r = await execFile(script, [], { env });
      expect(r.spawnError?.code).toBe("ENOEXEC");
      expect(r.code).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("large output arrives whole", async () => {
    const r = await execFile("/bin/sh", ["-c", "head -c 300000 /dev/zero | tr '\\0' a"], { env });
    expect(r.stdout).toBe("a".repeat(300000));
  });
});
