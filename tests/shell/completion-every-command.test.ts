/**
 * Every command, subcommand, flag and argument choice that commander defines completes in
 * every shell (and `help`'s argument: the commands beside it). The expected words are read
 * from the real command line (the commander program with every command loaded), not
 * written here, so a command, subcommand, flag or choice added later is checked without
 * touching this file. The scripts are what `shell-init` prints: the text rendered ahead of
 * time (src/shell/built-extras.ts), so one that misses a new flag fails here too. bash (its completion function),
 * fish (`complete -C`) and PowerShell (TabExpansion2) run here; zsh needs a line editor and
 * is typed into under tmux (tests/e2e/shell-life-tmux.test.ts).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { buildProgram } from "../../src/cli.ts";
import { builtExtras, shellSyntax } from "../../src/shell/index.ts";
import { pwsh, runPwshFile } from "../support/pwsh.ts";
import { testDeps } from "../support/test-deps.ts";
import { bashCompleteWords, completionAnswers, standInBinary } from "./completion-support.ts";

interface Defined {
  /** The words that run it: ["keys", "move"]. */
  words: string[];
  /** Every flag name commander shows for it. */
  flags: string[];
  /** The values its first argument may take: its choices; for `help`, the commands beside it. */
  values: string[];
}

/** Every visible command at every depth, with its flags, as commander defines them. */
function definedCommands(program: CommandUnknownOpts): Defined[] {
  const found: Defined[] = [];
  const walk = (command: CommandUnknownOpts, parent: string[]) => {
    const help = command.createHelp();
    const siblings = help.visibleCommands(command).map((child) => child.name());
    for (const child of help.visibleCommands(command)) {
      const words = [...parent, child.name()];
      const flags = help
        .visibleOptions(child)
        .flatMap((option) => [option.short, option.long])
        .filter((name): name is string => Boolean(name));
      const values =
        child.name() === "help"
          ? siblings.filter((name) => name !== "help")
          : [...(child.registeredArguments[0]?.argChoices ?? [])];
      found.push({ words, flags, values });
      walk(child, words);
    }
  };
  walk(program, []);
  return found;
}

const program = await buildProgram({
  deps: testDeps().deps,
  state: { exitCode: 0, outputMode: undefined },
});
const DEFINED = definedCommands(program);

/** One completion question: the words before the cursor, the word being typed, the answer wanted. */
interface Case {
  before: string[];
  typed: string;
  wanted: string;
}

/**
 * For each command: its name after its parent's words; each of its flags after its own words
 * (a long flag from its first letter, a short one from its dash: a complete short flag such as
 * `-h` is a whole word, which shells complete differently).
 */
const CASES: Case[] = DEFINED.flatMap(({ words, flags, values }) => [
  { before: words.slice(0, -1), typed: words.at(-1)!.slice(0, 2), wanted: words.at(-1)! },
  ...flags.map((flag) => ({
    before: words,
    typed: flag.startsWith("--") ? flag.slice(0, 3) : "-",
    wanted: flag,
  })),
  ...values.map((value) => ({ before: words, typed: value.slice(0, 2), wanted: value })),
]);

const binary = standInBinary();
afterAll(() => rmSync(dirname(binary), { recursive: true, force: true }));

async function initFile(shell: "bash" | "fish" | "powershell", ext: string): Promise<string> {
  const syntax = shellSyntax(shell)!;
  const extra = await builtExtras(syntax, binary);
  const file = join(dirname(binary), `every.${ext}`);
  writeFileSync(file, syntax.initScript({ binary, passthrough: ["whoami"], extra }));
  return file;
}

const label = (c: Case) => `awsmfa ${[...c.before, c.typed].join(" ")} -> ${c.wanted}`;

test("the real command line has subcommands and argument choices, so those cases are exercised", () => {
  expect(DEFINED.some(({ words }) => words.length > 1)).toBe(true);
  expect(DEFINED.find(({ words }) => words.join(" ") === "shell-init")?.values).toContain("fish");
  expect(CASES.length).toBeGreaterThan(100);
});

describe("bash completes every command, subcommand, flag and argument choice", async () => {
  const file = await initFile("bash", "bash");
  const script = [
    `. '${file}'`,
    ...bashCompleteWords(false),
    ...CASES.map(({ before, typed }) =>
      ["complete_words", "awsmfa", ...before, typed].map((w) => `'${w}'`).join(" "),
    ),
  ].join("\n");
  const answers = completionAnswers("bash", script);
  test.each(CASES.map((c, i) => [label(c), c.wanted, i] as const))("%s", (_l, wanted, i) => {
    expect(answers[i]).toContain(wanted);
    // Each word once (a command's --help and the program's are one flag).
    expect(new Set(answers[i]).size).toBe(answers[i]!.length);
  });
});

describe("fish completes every command, subcommand, flag and argument choice", async () => {
  const file = await initFile("fish", "fish");
  const script = [
    `source '${file}'`,
    ...CASES.map(
      ({ before, typed }) =>
        `complete -C '${["awsmfa", ...before, typed].join(" ")}' | string replace -r '\\t.*' ''; echo =====`,
    ),
  ].join("\n");
  const answers = completionAnswers("fish", script);
  test.each(CASES.map((c, i) => [label(c), c.wanted, i] as const))("%s", (_l, wanted, i) => {
    expect(answers[i]).toContain(wanted);
    // Each word once (a command's --help and the program's are one flag).
    expect(new Set(answers[i]).size).toBe(answers[i]!.length);
  });
});

describe.skipIf(!pwsh)(
  "PowerShell completes every command, subcommand, flag and argument choice",
  async () => {
    const file = await initFile("powershell", "ps1");
    const folder = dirname(binary);
    const result = join(folder, "every.json");
    const script = join(folder, "every-check.ps1");
    writeFileSync(
      script,
      [
        "$ErrorActionPreference = 'Stop'",
        `. '${file}'`,
        "function c([string]$line) { ,@((TabExpansion2 $line $line.Length).CompletionMatches | ForEach-Object CompletionText) }",
        "$r = @(",
        CASES.map(({ before, typed }) => `  ,(c '${["awsmfa", ...before, typed].join(" ")}')`).join(
          "\n",
        ),
        ")",
        "[IO.File]::WriteAllText($env:TEST_RESULT, (ConvertTo-Json -InputObject $r -Depth 3))",
        "",
      ].join("\n"),
    );
    const run = await runPwshFile(
      script,
      { PATH: `${folder}:${process.env.PATH ?? ""}`, HOME: folder, TEST_RESULT: result },
      folder,
    );
    const answers = JSON.parse(readFileSync(result, "utf8")) as string[][];

    test("runs without errors", () => {
      expect(run.stderr).toBe("");
      expect(answers.length).toBe(CASES.length);
    });
    test.each(CASES.map((c, i) => [label(c), c.wanted, i] as const))("%s", (_l, wanted, i) => {
      expect(answers[i]).toContain(wanted);
      // Each word once (a command's --help and the program's are one flag).
      expect(new Set(answers[i]).size).toBe(answers[i]!.length);
    });
  },
);
