import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forStdout, printCommand } from "../../src/output/wrapped-print.ts";
import { hostileValues } from "../shell/hostile-values.ts";

describe("printCommand", () => {
  test("one command per shell that prints the text", () => {
    const text = `{"a":"it's"}\n`;
    expect(printCommand("sh", text)).toBe(`printf '%s' '{"a":"it'\\''s"}\n'\n`);
    expect(printCommand("fish", text)).toBe(`printf '%s' '{"a":"it\\'s"}\n'\n`);
    // PowerShell adds the final newline itself.
    expect(printCommand("powershell", text)).toBe(`Write-Output '{"a":"it''s"}'\n`);
    expect(printCommand("sh", "")).toBe("");
  });
});

describe("forStdout", () => {
  test("as it is without the shell function; a print command under it", () => {
    expect(forStdout({}, "Usage: x\n")).toBe("Usage: x\n");
    expect(forStdout({ AWSMFA_SHELL: "zsh" }, "Usage: x\n")).toBe("printf '%s' 'Usage: x\n'\n");
    expect(forStdout({ AWSMFA_SHELL: "fish" }, "a\n")).toBe("printf '%s' 'a\n'\n");
    expect(forStdout({ AWSMFA_SHELL: "pwsh" }, "a\n")).toBe("Write-Output 'a'\n");
    // A shell awsmfa does not know: login refuses it; help is better printed than lost.
    expect(forStdout({ AWSMFA_SHELL: "tcsh" }, "a\n")).toBe("a\n");
  });
});

const shells = [
  { name: "bash", format: "sh" as const, args: ["--norc", "--noprofile", "-c"] },
  { name: "dash", format: "sh" as const, args: ["-c"] },
  { name: "zsh", format: "sh" as const, args: ["-f", "-c"] },
  { name: "fish", format: "fish" as const, args: ["--no-config", "-c"] },
];

for (const shell of shells) {
  const path = Bun.which(shell.name);
  if (!path) console.log(`skipped: ${shell.name} is not installed`);
  test.skipIf(!path)(`${shell.name} prints hostile text back byte for byte`, () => {
    const trap = mkdtempSync(join(tmpdir(), "awsmfa-print-"));
    try {
      for (const value of hostileValues(trap)) {
        if (value.includes("\0")) continue;
        const text = `${value}\n`;
        const run = Bun.spawnSync([path!, ...shell.args, printCommand(shell.format, text)], {
          env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8" },
        });
        expect(run.exitCode).toBe(0);
        expect(run.stdout.toString()).toBe(text);
      }
      expect(readdirSync(trap)).toEqual([]);
    } finally {
      rmSync(trap, { recursive: true, force: true });
    }
  });
}
