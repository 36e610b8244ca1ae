/**
 * Loading `awsmfa shell-init SHELL` (the function, Tab completion and the prompt hook) in the
 * real shell leaves no helper variable behind: the names of the shell's variables before and
 * after differ only by what the code sets on purpose (bash's PROMPT_COMMAND, zsh's
 * precmd_functions and the clock of its zsh/datetime module). The function's own helpers are
 * checked after a call in tests/shell/shell-function.test.ts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtExtras, shellSyntax } from "../../src/shell/index.ts";
import { pwshPath } from "../support/pwsh.ts";

const dir = mkdtempSync(join(tmpdir(), "awsmfa-init-vars-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  shell: string;
  program: string | null;
  args: string[];
  /** Lines that load the file `init`, with the names of the variables written before and after. */
  script(init: string, before: string, after: string): string;
  /** Set on purpose by the loaded code. */
  expected: string[];
}

const CASES: Case[] = [
  {
    shell: "bash",
    program: Bun.which("bash"),
    args: ["--norc", "--noprofile"],
    script: (init, before, after) =>
      // `: | :` first: bash sets PIPESTATUS after its first pipeline.
      `: | :\ncompgen -v > '${before}'\neval "$(cat '${init}')"\ncompgen -v > '${after}'\n`,
    expected: ["PROMPT_COMMAND"],
  },
  {
    shell: "zsh",
    program: Bun.which("zsh"),
    args: ["-f"],
    script: (init, before, after) =>
      `print -rl -- "\${(k)parameters[@]}" > '${before}'\neval "$(cat '${init}')"\n` +
      `print -rl -- "\${(k)parameters[@]}" > '${after}'\n`,
    expected: ["EPOCHREALTIME", "EPOCHSECONDS", "epochtime", "precmd_functions"],
  },
  {
    shell: "fish",
    program: Bun.which("fish"),
    args: ["--no-config"],
    script: (init, before, after) =>
      `set -n > '${before}'\nsource '${init}'\nset -n > '${after}'\n`,
    expected: [],
  },
  {
    shell: "powershell",
    program: pwshPath(),
    args: ["-NoProfile", "-NonInteractive", "-File"],
    script: (init, before, after) =>
      [
        "\uFEFF$names = { Get-Variable -Scope Global | ForEach-Object Name }",
        `& $names | Out-File -LiteralPath '${before}'`,
        `Get-Content -Raw -LiteralPath '${init}' | Invoke-Expression`,
        `& $names | Out-File -LiteralPath '${after}'`,
        "",
      ].join("\n"),
    expected: [],
  },
];

describe("loading shell-init in the real shell", () => {
  for (const c of CASES) {
    if (c.program === null) console.warn(`\n*** SKIPPED: ${c.shell} is not installed ***\n`);
    test.skipIf(c.program === null)(
      `${c.shell}: sets no helper variable`,
      async () => {
        const shell = shellSyntax(c.shell)!;
        const binary = "/opt/awsmfa/bin/awsmfa";
        const init = join(dir, `init.${c.shell}`);
        const extra = await builtExtras(shell, binary);
        writeFileSync(init, shell.initScript({ binary, passthrough: ["whoami"], extra }));
        const [before, after] = ["before", "after"].map((when) => join(dir, `${c.shell}.${when}`));
        const script = join(dir, `load.${c.shell}`);
        writeFileSync(script, c.script(init, before!, after!));
        const run = spawnSync(c.program!, [...c.args, script], {
          cwd: dir,
          encoding: "utf8",
          env: { PATH: process.env.PATH, HOME: dir, LANG: "C.UTF-8", TERM: "dumb" },
        });
        expect(run.stderr).toBe("");
        const names = (file: string) =>
          new Set(
            readFileSync(file, "utf8")
              .split("\n")
              .filter((name) => name !== "" && name !== "_"),
          );
        const had = names(before!);
        const added = [...names(after!)].filter((name) => !had.has(name)).sort();
        expect(added).toEqual([...c.expected].sort());
      },
      60_000,
    );
  }
});
