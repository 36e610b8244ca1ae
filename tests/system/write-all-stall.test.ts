/**
 * writeAll on a non-blocking fd whose reader takes nothing (issue 11): it used to spin on
 * EAGAIN for ever at 100% CPU. It must sleep between tries and give up after its deadline.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeAll } from "../../src/system/write-all.ts";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A FIFO with a reader that reads nothing, and a non-blocking writer fd. */
function stuckPipe(): { reader: number; writer: number; fifo: string } {
  const dir = mkdtempSync(join(tmpdir(), "awsmfa-write-all-"));
  const fifo = join(dir, "pipe");
  execFileSync("mkfifo", [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  cleanups.push(() => {
    for (const fd of [writer, reader]) {
      try {
        closeSync(fd);
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return { reader, writer, fifo };
}

describe.skipIf(process.platform === "win32")("writeAll", () => {
  test("a reader that takes nothing: ETIMEDOUT after the deadline, sleeping, not spinning", () => {
    const { writer } = stuckPipe();
    const cpu = process.cpuUsage();
    const started = Date.now();
    let error: NodeJS.ErrnoException | undefined;
    try {
      writeAll(writer, "x".repeat(1 << 20), 500);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    const took = Date.now() - started;
    const used = process.cpuUsage(cpu);
    expect(error?.code).toBe("ETIMEDOUT");
    expect(error?.message).toContain("nothing was read from the output for 0.5 s");
    expect(took).toBeGreaterThanOrEqual(500);
    expect(took).toBeLessThan(3000);
    // A spin would burn the whole half second (and more) of CPU.
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });

  test("a slow reader gets everything: the deadline counts from the last byte taken", async () => {
    const { writer, fifo } = stuckPipe();
    const text = "y".repeat(300_000);
    // Starts reading after 300 ms, in another process: writeAll blocks this thread.
    const child = Bun.spawn(["sh", "-c", 'sleep 0.3; wc -c < "$1"', "sh", fifo], {
      stdout: "pipe",
    });
    writeAll(writer, text, 5000);
    closeSync(writer);
    const [count] = await Promise.all([new Response(child.stdout).text(), child.exited]);
    expect(Number(count.trim())).toBe(text.length);
  });
});
