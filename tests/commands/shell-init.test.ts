/** awsmfa shell-init, run through the real command line parser with captured output. */

import { describe, expect, test } from "bun:test";
import { buildProgram, run } from "../../src/cli.ts";
import { completionSpec } from "../../src/commands/completion-spec.ts";
import { parseShellInit, passthroughWords } from "../../src/commands/shell-init-script.ts";
import { EVAL_COMMANDS, HELP_WORDS, VERSION_WORDS } from "../../src/commands/words.ts";
import type { Deps } from "../../src/deps.ts";
import { UsageError } from "../../src/errors.ts";
import { initExtras, shellSyntax } from "../../src/shell/index.ts";
import { testDeps } from "../support/test-deps.ts";

interface Captured {
  deps: Deps;
  stdout: () => string;
  stderr: () => string;
}

function captureDeps(selfPath = "/usr/local/bin/awsmfa"): Captured {
  return testDeps({
    exec: async () => {
      throw new Error("shell-init must not run programs");
    },
    homedir: "/home/nobody",
    selfPath,
    selfCommand: [selfPath],
  });
}

const program = () =>
  buildProgram({
    deps: captureDeps().deps,
    state: { exitCode: 0, outputMode: undefined },
  });

/** The commands the program has, as command words: what passthroughWords() reads. */
const wordsOf = (full: Awaited<ReturnType<typeof program>>) =>
  full.commands.map((command) => ({ name: command.name(), aliases: command.aliases() }));

describe("awsmfa shell-init", () => {
  test.each([
    ["bash", "bash", true],
    ["zsh", "zsh", true],
    ["fish", "fish", true],
    ["powershell", "powershell", true],
    ["sh", "bash", false],
    ["dash", "bash", false],
    ["pwsh", "powershell", true],
  ])(
    "%s prints the %s function for this binary (extras: %p), as the renderers make it of the real command line",
    async (asked, shell, extras) => {
      const { deps, stdout, stderr } = captureDeps();
      expect(await run(["shell-init", asked], deps)).toBe(0);
      expect(stderr()).toBe("");
      const syntax = shellSyntax(shell)!;
      const binary = "/usr/local/bin/awsmfa";
      const full = await program();
      const extra = extras ? await initExtras(syntax, completionSpec(full), binary) : undefined;
      const passthrough = passthroughWords(wordsOf(full));
      expect(stdout()).toBe(syntax.initScript({ binary, passthrough, extra }));
    },
  );

  test("the output depends on nothing but the binary's path", async () => {
    const outputs = await Promise.all(
      ["/opt/a/awsmfa", "/opt/a/awsmfa", "/home/me/bin/awsmfa"].map(async (path) => {
        const { deps, stdout } = captureDeps(path);
        await run(["shell-init", "zsh"], deps);
        return stdout();
      }),
    );
    expect(outputs[0]).toBe(outputs[1]!);
    expect(outputs[2]!.replaceAll("/home/me/bin/awsmfa", "/opt/a/awsmfa")).toBe(outputs[0]!);
  });

  test("every command but the eval ones passes through, with help and version", async () => {
    const words = passthroughWords();
    expect(passthroughWords(wordsOf(await program()))).toEqual(words);
    expect(words).toContain("whoami");
    expect(words).toContain("shell-init");
    for (const word of [...HELP_WORDS, ...VERSION_WORDS]) expect(words).toContain(word);
    for (const word of EVAL_COMMANDS) expect(words).not.toContain(word);
  });

  test("aliases pass through too; eval commands and their aliases do not", () => {
    const fake = (name: string, aliases: string[] = []) => ({ name, aliases });
    const words = passthroughWords([
      fake("login", ["in"]),
      fake("status", ["st"]),
      fake("unset"),
      fake("logout"),
    ]);
    expect(words).toEqual(["status", "st", ...HELP_WORDS, ...VERSION_WORDS]);
  });

  test("an unknown shell is a usage error that lists the shells", async () => {
    const { deps, stdout, stderr } = captureDeps();
    expect(await run(["shell-init", "tcsh"], deps)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toContain('Unknown shell "tcsh"');
    expect(stderr()).toContain("bash, zsh, fish, powershell");
    expect(() => parseShellInit("tcsh")).toThrow(UsageError);
  });

  test("a missing shell is a usage error", async () => {
    const { deps, stdout, stderr } = captureDeps();
    expect(await run(["shell-init"], deps)).toBe(2);
    expect(stdout()).toBe("");
    expect(stderr()).toContain("shell");
  });

  test.each(["bash", "zsh", "fish", "powershell", "sh", "dash", "pwsh", "tcsh", "", "help"])(
    "`shell-init %p` without commander (cli.ts) says what commander's shell-init says",
    async (shell) => {
      const said = async (argv: string[]) => {
        const { deps, stdout, stderr } = captureDeps();
        return { code: await run(argv, deps), stdout: stdout(), stderr: stderr() };
      };
      // After `--`, the word is shell-init's argument as well, and the line goes to commander.
      const direct = await said(["shell-init", shell]);
      expect(direct).toEqual(await said(["shell-init", "--", shell]));
      expect(direct.code).toBe(["tcsh", "", "help"].includes(shell) ? 2 : 0);
    },
  );

  test("help shows how to load the function in each shell", async () => {
    const { deps, stdout } = captureDeps();
    expect(await run(["shell-init", "--help"], deps)).toBe(0);
    expect(stdout()).toContain('eval "$(awsmfa shell-init bash)"');
    expect(stdout()).toContain("awsmfa shell-init fish | source");
  });
});
