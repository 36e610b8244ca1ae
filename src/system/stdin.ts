/**
 * Reads one line from a file descriptor, a byte at a time, so that nothing after the line is
 * consumed (a second `-` value may follow). Every read has a deadline: a pipe whose writer
 * never writes (`sleep 1000 | awsmfa prod --otp -`) must not hold awsmfa for ever, so the
 * reads are asynchronous and raced against a timer. A read still pending at the deadline is
 * abandoned; the caller fails and the process exits.
 */
import { read } from "node:fs";
import { timerMs } from "./timer-ms.ts";

/** A code is 6 digits and a secret key 40 characters; anything longer is not a line we want. */
const MAX_LINE = 8 * 1024;

/** The line without its ending; null at end of input; undefined when the deadline passed. */
export async function readLineWithin(
  fd: number,
  timeoutMs: number,
): Promise<string | null | undefined> {
  const deadline = Date.now() + timeoutMs;
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    const n = await readByte(fd, one, left);
    if (n === undefined) return undefined;
    if (n === "again") {
      // A non-blocking stdin with nothing in it yet: wait a little, not a busy loop.
      await sleep(Math.min(10, left));
      continue;
    }
    if (n === 0) break;
    const byte = one[0]!;
    if (byte === 0x0a) return stripCr(bytes);
    bytes.push(byte);
    if (bytes.length > MAX_LINE) break;
  }
  return bytes.length === 0 ? null : stripCr(bytes);
}

/** Bytes read (0 at end of input), "again" for EAGAIN, undefined when `ms` passed first. */
function readByte(fd: number, into: Buffer, ms: number): Promise<number | "again" | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), timerMs(ms));
    read(fd, into, 0, 1, null, (error, n) => {
      clearTimeout(timer);
      if (!error) return resolve(n);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") return resolve("again");
      if (code === "EOF") return resolve(0);
      reject(error);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stripCr(bytes: number[]): string {
  const text = Buffer.from(bytes).toString("utf8");
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
