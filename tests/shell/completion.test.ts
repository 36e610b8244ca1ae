/**
 * Tab completion: the spec read from the real command line, golden files of the generated
 * code, each shell's syntax check, and the completion itself run by bash (its completion
 * function called with COMP_WORDS) and fish (`complete -C`). zsh is exercised in tmux
 * (tests/e2e/shell-life-tmux.test.ts): its completion system needs a line editor.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { COMMANDS as TABLE } from "../../src/commands/index.ts";
import { initExtras, shellSyntax } from "../../src/shell/index.ts";
import {
  bashCompleteWords,
  completionAnswers,
  PROFILES,
  realSpec,
  SMALL_SPEC,
  standInBinary,
} from "./completion-support.ts";

/** The spec of the real command line (all commands loaded, as for the completion text). */
const REAL_SPEC = await realSpec();

const GOLDEN_DIR = join(import.meta.dir, "golden");
const BINARY = "/opt/Jane's tools/bin/awsmfa";

function golden(name: string, actual: string) {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("the completion spec of the real command line", () => {
  const spec = REAL_SPEC;
  const command = (name: string) => spec.commands.find((c) => c.names[0] === name);

  test("lists the visible commands, not the hidden helpers", () => {
    const names = spec.commands.map((c) => c.names[0]);
    for (const name of ["login", "unset", "whoami", "shell-init", "prompt", "doctor"]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain("_profiles");
    expect(names).not.toContain("_notify");
    expect(spec.defaultCommand).toBe("login");
  });

  test("knows which values are profiles, which are choices, and which are free text", () => {
    const flag = (cmd: string, name: string) =>
      command(cmd)?.flags.find((f) => f.names.includes(name));
    expect(flag("login", "--profile")?.value).toEqual({ kind: "profile" });
    expect(flag("login", "-p")?.names).toEqual(["-p", "--profile"]);
    expect(flag("login", "--long-term-profile")?.value).toEqual({ kind: "profile" });
    expect(flag("login", "--format")?.value).toEqual({
      kind: "choices",
      choices: ["sh", "fish", "powershell", "cmd", "dotenv", "json"],
    });
    expect(flag("login", "--otp")?.value).toEqual({ kind: "text", name: "code" });
    expect(flag("login", "--force")?.value).toBeUndefined();
    expect(flag("login", "--notify")?.value).toBeUndefined();
    expect(flag("whoami", "--profile")?.value).toEqual({ kind: "profile" });
    expect(command("login")?.profileArgument).toBe(true);
    expect(command("whoami")?.profileArgument).toBe(false);
    expect(spec.globalFlags.flatMap((f) => f.names).sort()).toEqual(
      ["--debug", "--help", "--version", "-V", "-h"].sort(),
    );
  });
});

describe("generated completion and prompt-hook code", () => {
  test.each([
    ["bash", "extras.bash"],
    ["zsh", "extras.zsh"],
    ["fish", "extras.fish"],
    ["powershell", "extras.ps1"],
  ] as const)("%s matches its golden file", async (shell, file) => {
    golden(file, await initExtras(shellSyntax(shell)!, SMALL_SPEC, BINARY));
  });

  const checkers: [string, string, string[]][] = [
    ["bash", "bash", ["-n"]],
    ["zsh", "zsh", ["-f", "-n"]],
    ["fish", "fish", ["--no-config", "--no-execute"]],
  ];
  for (const [shell, program, args] of checkers) {
    const missing = Bun.which(program) === null;
    if (missing) console.log(`skipping the ${shell} syntax check of completions: not installed`);
    test.skipIf(missing)(`the whole ${shell} init script is valid ${program} syntax`, async () => {
      for (const spec of [SMALL_SPEC, REAL_SPEC]) {
        const syntax = shellSyntax(shell)!;
        const extra = await initExtras(syntax, spec, BINARY);
        const script = syntax.initScript({ binary: BINARY, passthrough: ["whoami"], extra });
        const result = spawnSync(program, args, { input: script, encoding: "utf8" });
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
      }
    });
  }
});

const binary = standInBinary();
afterAll(() => rmSync(dirname(binary), { recursive: true, force: true }));

// Loaded up front: initFile runs in describe bodies, which cannot wait.
const EXTRAS = {
  bash: await initExtras(shellSyntax("bash")!, REAL_SPEC, binary),
  fish: await initExtras(shellSyntax("fish")!, REAL_SPEC, binary),
};

function initFile(shell: "bash" | "fish"): string {
  const syntax = shellSyntax(shell)!;
  const script = syntax.initScript({ binary, passthrough: ["whoami"], extra: EXTRAS[shell] });
  const file = join(dirname(binary), `init.${shell}`);
  writeFileSync(file, script);
  return file;
}

/** Every visible command (from the command table), and commander's `help`. */
const COMMANDS = [...TABLE.filter((entry) => !entry.hidden).map((e) => e.name), "help"];
const QUOTED = ["prod", "prod-long-term", "staging", "dev\\$x", "semi\\;colon"];

/** [words on the line, the last being the word under the cursor; expected, sorted] */
const BASH_CASES: [string[], string[]][] = [
  [
    ["awsmfa", ""],
    [...COMMANDS, ...QUOTED],
  ],
  [
    ["awsmfa", "st"],
    ["staging", "status"],
  ],
  [["awsmfa", "se"], ["semi\\;colon"]],
  [["awsmfa", "sh"], ["shell-init"]],
  [["awsmfa", "login", ""], QUOTED],
  [["awsmfa", "login", "--profile", ""], QUOTED],
  [["awsmfa", "login", "--profile", "d"], ["dev\\$x"]],
  [["awsmfa", "login", "--profile", "=", "st"], ["staging"]],
  [["awsmfa", "login", "--profile", "="], QUOTED],
  [["awsmfa", "login", "-p", "prod", ""], QUOTED],
  [["awsmfa", "login", "--long-term-profile", "prod-"], ["prod-long-term"]],
  [["awsmfa", "login", "--format", "d"], ["dotenv"]],
  [
    ["awsmfa", "login", "--fo"],
    ["--force", "--format"],
  ],
  [
    ["awsmfa", "prod", "--fo"],
    ["--force", "--format"],
  ],
  [["awsmfa", "login", "prod", ""], []],
  [["awsmfa", "login", "--otp", ""], []],
  [["awsmfa", "login", "--otp", "123456", ""], QUOTED],
  [["awsmfa", "whoami", ""], []],
  [["awsmfa", "whoami", "--j"], ["--json"]],
  [
    ["awsmfa", "whoami", "-p", "s"],
    ["semi\\;colon", "staging"],
  ],
  [
    ["awsmfa", "unset", "--format", ""],
    ["cmd", "fish", "powershell", "sh"],
  ],
  [["awsmfa", "login", "--", ""], []],
  [["awsmfa", "-V"], ["-V"]],
];

describe.skipIf(Bun.which("bash") === null)("bash completes", () => {
  const file = initFile("bash");
  // One bash for all cases: each case sets COMP_WORDS and calls the completion function.
  const script = [
    `. '${file}'`,
    ...bashCompleteWords(true),
    ...BASH_CASES.map(([words]) => `complete_words ${words.map((w) => `'${w}'`).join(" ")}`),
  ].join("\n");
  const answers = completionAnswers("bash", script);
  test.each(BASH_CASES.map(([words, expected], i) => [words.join(" "), expected, i] as const))(
    "`%s`",
    (_line, expected, i) => {
      expect(answers[i]).toEqual([...expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    },
  );
});

const FISH_CASES: [string, string[]][] = [
  ["awsmfa sta", ["staging", "status"]],
  ["awsmfa ", [...COMMANDS, ...PROFILES]],
  ["awsmfa login ", PROFILES],
  ["awsmfa login --profile ", PROFILES],
  ["awsmfa login --profile prod ", PROFILES],
  ["awsmfa login prod ", []],
  ["awsmfa login --format d", ["dotenv"]],
  ["awsmfa prod --fo", ["--force", "--format"]],
  ["awsmfa whoami ", []],
  ["awsmfa whoami -p st", ["staging"]],
  ["awsmfa --vers", ["--version"]],
];

describe.skipIf(Bun.which("fish") === null)("fish completes", () => {
  const file = initFile("fish");
  const script = [
    `source '${file}'`,
    ...FISH_CASES.map(
      ([line]) => `complete -C '${line}' | string replace -r '\\t.*' ''; echo =====`,
    ),
  ].join("\n");
  const answers = completionAnswers("fish", script);
  test.each(FISH_CASES.map(([line, expected], i) => [line, expected, i] as const))(
    "`%s`",
    (_line, expected, i) => {
      expect([...answers[i]!].sort()).toEqual([...expected].sort());
    },
  );
});
