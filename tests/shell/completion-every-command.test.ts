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
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";
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

async function initFile(
  shell: "bash" | "zsh" | "fish" | "powershell",
  ext: string,
): Promise<string> {
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

/*
 * The four shells offer the flags commander accepts where a flag is typed, no more, no less.
 * Commander (no positional options) takes the program's own flags (-V, --debug, -h) after any
 * command and subcommand (`awsmfa keys list --debug` traces, `awsmfa list -V` prints the
 * version), and the default command's flags before a profile (`awsmfa --force prod`); after
 * `--` nothing is a flag. PowerShell offered the program's flags after a subcommand where
 * bash, zsh and fish did not, zsh offered only the program's flags before a profile, and
 * PowerShell offered flags after `--`.
 */

/** Commander's command for these words (aliases too), and whether `--` came. */
function commandAt(words: readonly string[]): { command: CommandUnknownOpts; ended: boolean } {
  const named = (parent: CommandUnknownOpts, word: string) =>
    parent
      .createHelp()
      .visibleCommands(parent)
      .find((child) => child.name() === word || child.aliases().includes(word));
  let command: CommandUnknownOpts | undefined;
  let positionals = 0;
  for (const word of words) {
    if (word === "--") return { command: command ?? program, ended: true };
    if (word.startsWith("-")) continue;
    const child = positionals === 0 ? named(command ?? program, word) : undefined;
    if (child) {
      command = child;
      continue;
    }
    command ??= named(program, "login")!;
    positionals++;
  }
  return { command: command ?? named(program, "login")!, ended: false };
}

/** The flags commander accepts after these words: the command's own and the program's. */
function acceptedFlags(words: readonly string[]): string[] {
  const { command, ended } = commandAt(words);
  if (ended) return [];
  const names = [command, program].flatMap((each) =>
    each
      .createHelp()
      .visibleOptions(each)
      .flatMap((option) => [option.short, option.long])
      .filter((name): name is string => Boolean(name)),
  );
  return [...new Set(names)].sort();
}

/** Where a flag is typed: after every command and subcommand, and the special places. */
const FLAG_PLACES: string[][] = [
  [],
  ...DEFINED.map(({ words }) => words),
  ["prod"],
  ["login", "prod"],
  ["--debug", "list"],
  ["status", "--debug"],
  ["keys", "list", "--json"],
  ["exec", "prod", "--"],
  ["exec", "prod", "--", "env"],
];
/** zsh is typed into under tmux, so it gets one place of each kind. */
const ZSH_PLACES: string[][] = [
  [],
  ["list"],
  ["keys"],
  ["keys", "list"],
  ["prod"],
  ["--debug", "list"],
  ["exec", "prod", "--", "env"],
];

const flagsOnly = (words: readonly string[]) =>
  [...new Set(words.filter((w) => w.startsWith("-")))].sort();
const placeLabel = (words: readonly string[]) => `awsmfa ${[...words, "-"].join(" ")}`;

test("commander accepts the program's flags after a subcommand, and none after --", () => {
  expect(acceptedFlags(["keys", "list"])).toEqual([
    "--debug",
    "--help",
    "--json",
    "--version",
    "-V",
    "-h",
  ]);
  expect(acceptedFlags(["prod"])).toContain("--force");
  expect(acceptedFlags(["exec", "prod", "--"])).toEqual([]);
});

describe("bash, fish and PowerShell offer exactly the flags commander accepts", async () => {
  const bashFile = await initFile("bash", "bash");
  const bash = completionAnswers(
    "bash",
    [
      `. '${bashFile}'`,
      ...bashCompleteWords(false),
      ...FLAG_PLACES.map((words) =>
        ["complete_words", "awsmfa", ...words, "-"].map((w) => `'${w}'`).join(" "),
      ),
    ].join("\n"),
  );
  const fishFile = await initFile("fish", "fish");
  const fish = completionAnswers(
    "fish",
    [
      `source '${fishFile}'`,
      ...FLAG_PLACES.map(
        (words) =>
          `complete -C '${["awsmfa", ...words, "-"].join(" ")}' | string replace -r '\\t.*' ''; echo =====`,
      ),
    ].join("\n"),
  );
  const pwshAnswers = pwsh ? await powershellAnswers(FLAG_PLACES) : undefined;
  test.each(FLAG_PLACES.map((words, i) => [placeLabel(words), i] as const))("%s", (_l, i) => {
    const wanted = acceptedFlags(FLAG_PLACES[i]!);
    expect({ bash: flagsOnly(bash[i]!), fish: flagsOnly(fish[i]!) }).toEqual({
      bash: wanted,
      fish: wanted,
    });
    if (pwshAnswers) expect(flagsOnly(pwshAnswers[i]!)).toEqual(wanted);
  });
});

/** What PowerShell's TabExpansion2 offers after each place's words and a "-". */
async function powershellAnswers(places: readonly string[][]): Promise<string[][]> {
  const file = await initFile("powershell", "ps1");
  const folder = dirname(binary);
  const result = join(folder, "flags.json");
  const script = join(folder, "flags-check.ps1");
  writeFileSync(
    script,
    [
      "$ErrorActionPreference = 'Stop'",
      `. '${file}'`,
      "function c([string]$line) { ,@((TabExpansion2 $line $line.Length).CompletionMatches | ForEach-Object CompletionText) }",
      "$r = @(",
      places.map((words) => `  ,(c '${["awsmfa", ...words, "-"].join(" ")}')`).join("\n"),
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
  if (run.stderr !== "") throw new Error(`PowerShell failed: ${run.stderr}`);
  return JSON.parse(readFileSync(result, "utf8")) as string[][];
}

describe.skipIf(!tmuxAvailable())("zsh offers exactly the flags commander accepts", async () => {
  const file = await initFile("zsh", "zsh");
  let shell: ShellSession | undefined;
  afterAll(async () => {
    await shell?.close();
  });
  test.each(ZSH_PLACES.map((words) => [placeLabel(words), words] as const))(
    "%s",
    async (_l, words) => {
      shell ??= await startShell("zsh", {
        home: dirname(binary),
        rc: [
          `source '${file}'`,
          "autoload -Uz compinit && compinit -u -D",
          // Names only, in columns: what the test reads off the screen.
          "zstyle ':completion:*' verbose no",
        ].join("\n"),
        width: 220,
        height: 60,
      });
      const line = ["awsmfa", ...words, "-"].join(" ");
      await shell.type(line);
      await shell.press("Tab");
      const screen = await settled(shell);
      await shell.press("C-u");
      // A fresh prompt below this listing, for the next place to be read below it.
      await shell.run("true");
      const below = screen.slice(screen.lastIndexOf(line) + line.length);
      expect(flagsOnly(below.split(/\s+/))).toEqual(acceptedFlags(words));
    },
  );
});

/** The screen once it has stopped changing (zsh's listing is drawn after Tab). */
async function settled(shell: ShellSession): Promise<string> {
  let last = "";
  for (let i = 0; i < 100; i++) {
    await Bun.sleep(150);
    const now = await shell.screen();
    if (i >= 2 && now === last) return now;
    last = now;
  }
  return last;
}
