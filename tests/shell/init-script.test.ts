/**
 * The generated `awsmfa` functions: golden files (run with UPDATE_GOLDEN=1 to rewrite them
 * after an intended change, then read the diff), and a syntax check by each real shell.
 */
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type InitOptions, SHELLS, type ShellSyntax, shellSyntax } from "../../src/shell/index.ts";

const GOLDEN_DIR = join(import.meta.dir, "golden");
const EXTENSION: Record<string, string> = {
  bash: "bash",
  zsh: "zsh",
  fish: "fish",
  powershell: "ps1",
};

/** A path with a space and a quote, so the goldens show how the binary is quoted. */
const OPTIONS: InitOptions = {
  binary: "/opt/Jane's tools/bin/awsmfa",
  passthrough: ["whoami", "shell-init", "help", "-h", "--help", "-V", "--version"],
};

function golden(name: string, actual: string) {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** Shells that can check a script's syntax without running it. */
function syntaxCheckers(shell: ShellSyntax): [string, string[]][] {
  if (shell.name === "fish") return [["fish", ["--no-config", "--no-execute"]]];
  if (shell.name === "powershell") return [];
  return shell.name === "zsh"
    ? [["zsh", ["-f", "-n"]]]
    : [
        ["bash", ["-n"]],
        ["dash", ["-n"]],
      ];
}

describe.each(SHELLS.map((shell) => [shell.name, shell] as const))(
  "%s init script",
  (name, shell) => {
    test("matches its golden file", () => {
      golden(`init.${EXTENSION[name]}`, shell.initScript(OPTIONS));
    });

    test("appends extra code after the function, ending with one newline", () => {
      const script = shell.initScript({ ...OPTIONS, extra: "# completions here" });
      expect(script).toBe(`${shell.initScript(OPTIONS)}\n# completions here\n`);
    });

    test("without passthrough words every call goes through eval", () => {
      const script = shell.initScript({ ...OPTIONS, passthrough: [] });
      expect(script).not.toContain("whoami");
      expect(script).toContain("AWSMFA_SHELL");
    });

    test("quotes passthrough words that are not plain", () => {
      const script = shell.initScript({ ...OPTIONS, passthrough: ["odd word", "x'y"] });
      expect(script).toContain(shell.quote("odd word"));
      expect(script).toContain(shell.quote("x'y"));
    });

    for (const [program, args] of syntaxCheckers(shell)) {
      const missing = Bun.which(program) === null;
      if (missing) console.log(`skipping ${program} syntax check: ${program} is not installed`);
      test.skipIf(missing)(`is valid ${program} syntax`, () => {
        for (const passthrough of [OPTIONS.passthrough, []]) {
          const script = shell.initScript({ ...OPTIONS, passthrough, extra: "true" });
          const result = spawnSync(program, args, { input: script, encoding: "utf8" });
          expect(result.stderr).toBe("");
          expect(result.status).toBe(0);
        }
      });
    }
  },
);

describe("shell registry", () => {
  test("finds each shell by name, and the aliases people use", () => {
    expect(SHELLS.map((shell) => shell.name)).toEqual(["bash", "zsh", "fish", "powershell"]);
    expect(shellSyntax("zsh")?.name).toBe("zsh");
    expect(shellSyntax("sh")?.name).toBe("bash");
    expect(shellSyntax("dash")?.name).toBe("bash");
    expect(shellSyntax("pwsh")?.name).toBe("powershell");
    expect(shellSyntax("csh")).toBeUndefined();
    expect(shellSyntax("")).toBeUndefined();
    expect(shellSyntax("toString")).toBeUndefined();
  });

  test.each(SHELLS.map((shell) => [shell.name, shell] as const))(
    "%s validates variable names and refuses NUL",
    (_name, shell) => {
      for (const bad of ["", "1A", "A-B", "A B", "A=B", "$A", "A\n", "É"]) {
        expect(() => shell.setVar(bad, "v")).toThrow(/variable name/);
        expect(() => shell.unsetVar(bad)).toThrow(/variable name/);
      }
      expect(shell.setVar("_a1", "v")).toContain("_a1");
      expect(() => shell.quote("a\0b")).toThrow(/NUL/);
      expect(() => shell.setVar("A", "secret\0")).not.toThrow(/secret/);
    },
  );

  test.each([
    ["bash", "export A='it'\\''s'"],
    ["zsh", "export A='it'\\''s'"],
    ["fish", "set -gx A 'it\\'s'"],
    ["powershell", "$env:A = 'it''s'"],
  ])("%s setVar writes one line: %s", (name, line) => {
    expect(shellSyntax(name)?.setVar("A", "it's")).toBe(line);
  });
});
