/**
 * Reads one line from a file descriptor, a byte at a time, so that nothing after the line is
 * consumed (a second `-` value may follow). Synchronous: awsmfa has nothing else to do while
 * it waits for its input.
 */
import { readSync } from "node:fs";

const MAX_LINE = 64 * 1024;

export function readLineSync(fd: number): string | null {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, one, 0, 1, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === "EOF") n = 0;
      else throw error;
    }
    if (n === 0) break;
    const byte = one[0]!;
    if (byte === 0x0a) return stripCr(bytes);
    bytes.push(byte);
    if (bytes.length > MAX_LINE) break;
  }
  return bytes.length === 0 ? null : stripCr(bytes);
}

function stripCr(bytes: number[]): string {
  const text = Buffer.from(bytes).toString("utf8");
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
