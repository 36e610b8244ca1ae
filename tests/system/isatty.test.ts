/** The cheap terminal check must agree with node:tty on every kind of descriptor. */
import { describe, expect, test } from "bun:test";
import { closeSync, openSync } from "node:fs";
import { isatty } from "node:tty";
import { isTerminal, linuxMajor } from "../../src/system/isatty.ts";

describe("isTerminal", () => {
  test("agrees with node:tty on files, /dev/null, pipes and closed descriptors", () => {
    const fds = [
      openSync(import.meta.path, "r"),
      openSync("/dev/null", "r"),
      openSync("/dev/zero", "r"),
    ];
    try {
      for (const fd of [...fds, 0, 1, 2, 999])
        expect(isTerminal(fd, process.platform)).toBe(isatty(fd));
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  });

  test.skipIf(process.platform !== "linux")("reads Linux device majors like glibc", () => {
    expect(linuxMajor((136 << 8) | 5)).toBe(136); // /dev/pts/5
    expect(linuxMajor((5 << 8) | 0)).toBe(5); // /dev/tty
    expect(linuxMajor((1 << 8) | 3)).toBe(1); // /dev/null
    expect(linuxMajor(0x88_00_00_00_00 + (4 << 8))).toBe(4 | (0x88 & ~0xfff));
  });
});
