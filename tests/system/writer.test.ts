/**
 * The writer's answer to output that cannot be written (system/writer.ts): people's text on a
 * stream that fails is dropped, and a stdout that was closed when awsmfa started is told apart
 * from one sent to /dev/null on purpose. What stdout failures do to a whole run is checked
 * with the compiled binary in tests/e2e/unwritable-output.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { unwritableOutput } from "../../src/system/output-stall.ts";
import { writer } from "../../src/system/writer.ts";

const WRITER = join(import.meta.dir, "../../src/system/writer.ts");

/** stdoutClosedAtStart() in a bun started by bash with `redirect` on its stdout. */
function closedAtStart(redirect: string): string {
  const code = `import { stdoutClosedAtStart } from ${JSON.stringify(WRITER)}; console.error(String(stdoutClosedAtStart(process.platform)));`;
  const run = spawnSync("bash", ["-c", `"$0" -e "$1" ${redirect}`, process.execPath, code], {
    encoding: "utf8",
  });
  return run.stderr.trim();
}

describe.skipIf(process.platform !== "linux")("stdoutClosedAtStart (Linux)", () => {
  test("true for a stdout closed at start (>&-)", () => {
    expect(closedAtStart(">&-")).toBe("true");
  });
  test("false for /dev/null chosen on purpose, read-write or not, a pipe and a file", () => {
    expect(closedAtStart(">/dev/null")).toBe("false");
    expect(closedAtStart("1<>/dev/null")).toBe("false");
    expect(closedAtStart("| cat")).toBe("false");
    expect(closedAtStart(">/dev/full")).toBe("false");
  });
});

describe("writer", () => {
  test("people's text on a stream that cannot take it is dropped, not thrown", () => {
    const fd = openSync("/dev/full", "w");
    try {
      const people = writer(fd, () => false);
      expect(() => people.write("Reusing session for prod\n")).not.toThrow();
      expect(() => people.write("and more\n")).not.toThrow();
    } finally {
      closeSync(fd);
    }
  });
});

describe("writer's writeBytes", () => {
  test("writes the bytes as they are, as write() writes the same text", () => {
    const folder = mkdtempSync(join(tmpdir(), "awsmfa-writer-"));
    try {
      const text = `${"PROFILE  KIND\n".repeat(9000)}last\n`;
      const asText = join(folder, "text");
      const asBytes = join(folder, "bytes");
      for (const [path, put] of [
        [asText, (w: ReturnType<typeof writer>) => w.write(text)],
        [asBytes, (w: ReturnType<typeof writer>) => w.writeBytes!(Buffer.from(text, "latin1"))],
      ] as const) {
        const fd = openSync(path, "w");
        try {
          put(writer(fd, () => false));
        } finally {
          closeSync(fd);
        }
      }
      expect(readFileSync(asBytes, "latin1")).toBe(text);
      expect(readFileSync(asBytes)).toEqual(readFileSync(asText));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test("bytes on a stream that cannot take them are dropped for people, as text is", () => {
    const fd = openSync("/dev/full", "w");
    try {
      const people = writer(fd, () => false);
      expect(() => people.writeBytes!(Buffer.from("Reusing session\n"))).not.toThrow();
      expect(() => people.write("and more\n")).not.toThrow();
    } finally {
      closeSync(fd);
    }
  });
});

describe("unwritableOutput", () => {
  const errno = (code: string) => Object.assign(new Error(code), { code });
  test.each([
    ["EBADF", "Could not write the output: standard output is closed."],
    ["ENOSPC", "Could not write the output: the disk it goes to is full."],
    ["EDQUOT", "Could not write the output: the disk it goes to is full."],
    ["EIO", "Could not write the output: writing to standard output failed (EIO)."],
  ])("%s: exit 1 with a message and a hint", (code, message) => {
    const error = unwritableOutput(errno(code));
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe("failure");
    expect(error.message).toBe(message);
    expect(error.hint).toContain("again");
  });
});
