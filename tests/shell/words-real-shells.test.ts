/**
 * The words awsmfa shows a person to paste (suggested commands in messages and hints:
 * `shell.word`): pasted into the real shell, each must give back exactly the value, and, in
 * the shells that have escapes for it (bash and zsh's $'...', fish's \n, PowerShell's `n),
 * stay on one line whatever control characters the value holds. sh and dash have no such
 * escape: their word is a printf (shell/posix/printf-word.ts), on one line too, tried in dash,
 * /bin/sh, bash --posix and busybox sh, with set -u, each word pasted twice. In every shell
 * the pasted words leave the shell's variables as they were (`set` before and after).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shellSyntax } from "../../src/shell/index.ts";
import { printable } from "../../src/system/printable.ts";
import { pwshPath } from "../support/pwsh.ts";
import { hostileValues } from "./hostile-values.ts";

const dir = mkdtempSync(join(tmpdir(), "awsmfa-words-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Words are pasted after a command name: a value that looks like an option goes after `--`
// there (errors.ts pasteableCommand), so those are left out; so is the empty word.
const VALUES = [
  ...hostileValues(join(dir, "trap")),
  // What the writer shows escaped in a message (system/printable.ts): the word must not hold
  // it as it is, or it would be shown as the text \u202e and paste back as that.
  "bidi\u202eoverride",
  "\u2066isolate\u2069 lrm\u200e alm\u061c",
  "line\u2028sep\u2029par\n",
].filter((value) => value !== "" && !value.startsWith("-"));

interface Case {
  shell: string;
  /** The syntax whose words are pasted, when not the shell's own (bash --posix reads sh's). */
  syntax?: string;
  program: string | null;
  args: string[];
  oneLine: boolean;
  /** A line that appends the value of `word`, then a NUL, to the file $OUT. */
  line(word: string): string;
  prelude: string;
  /** A line that writes the shell's variables (names and values) to `file`. */
  variables(file: string): string;
}

/** Variables a shell changes by itself from one command to the next. */
const VOLATILE =
  /^(_|status|pipestatus|CMD_DURATION|history|fish_kill_signal|LINENO|RANDOM)([= ]|$)/;
// `:` first: bash's $_ (the last word of the command before) is then the same each time.
const POSIX_VARIABLES = (file: string) => `:; set > '${file}'`;
const FISH_VARIABLES = (file: string) => `set -L > '${file}'`;

const POSIX_LINE = (word: string) => `printf '%s\\0' ${word} >> "$OUT"`;
const CASES: Case[] = [
  {
    shell: "bash",
    program: Bun.which("bash"),
    args: ["--norc", "--noprofile"],
    oneLine: true,
    line: POSIX_LINE,
    prelude: "",
    variables: POSIX_VARIABLES,
  },
  {
    shell: "zsh",
    program: Bun.which("zsh"),
    args: ["-f"],
    oneLine: true,
    line: POSIX_LINE,
    prelude: "",
    variables: POSIX_VARIABLES,
  },
  {
    shell: "dash",
    program: Bun.which("dash"),
    args: [],
    oneLine: true,
    line: (word) => `${POSIX_LINE(word)}; ${POSIX_LINE(word)}`,
    prelude: "set -u",
    variables: POSIX_VARIABLES,
  },
  {
    shell: "sh",
    program: Bun.which("sh"),
    args: [],
    oneLine: true,
    line: (word) => `${POSIX_LINE(word)}; ${POSIX_LINE(word)}`,
    prelude: "set -u",
    variables: POSIX_VARIABLES,
  },
  {
    shell: "bash --posix",
    syntax: "sh",
    program: Bun.which("bash"),
    args: ["--posix", "--norc", "--noprofile"],
    oneLine: true,
    line: (word) => `${POSIX_LINE(word)}; ${POSIX_LINE(word)}`,
    prelude: "set -u",
    variables: POSIX_VARIABLES,
  },
  {
    shell: "busybox sh",
    syntax: "sh",
    program: Bun.which("busybox"),
    args: ["sh"],
    oneLine: true,
    line: (word) => `${POSIX_LINE(word)}; ${POSIX_LINE(word)}`,
    prelude: "set -u",
    variables: POSIX_VARIABLES,
  },
  {
    shell: "fish",
    program: Bun.which("fish"),
    args: ["--no-config"],
    oneLine: true,
    line: (word) => `printf '%s\\0' ${word} >> $OUT`,
    prelude: "",
    variables: FISH_VARIABLES,
  },
  {
    shell: "pwsh",
    program: pwshPath(),
    args: ["-NoProfile", "-NonInteractive", "-File"],
    oneLine: true,
    line: (word) => `p ${word}`,
    prelude:
      "\uFEFFfunction p { [IO.File]::AppendAllText($env:OUT, [string]$args[0] + [char]0, [Text.UTF8Encoding]::new($false)) }",
    variables: (file) =>
      `Get-Variable | Where-Object Name -notin '?', '^', '$', 'args', 'input', 'MyInvocation', 'PSCmdlet', 'PSBoundParameters' | ForEach-Object { "$($_.Name)=$($_.Value)" } | Out-File -LiteralPath '${file}'`,
  },
];

/**
 * Runs `lines` as a script in `c`'s shell, in files of its own named after `name`: the run,
 * and what the script wrote to $OUT.
 */
function runScript(c: (typeof CASES)[number], name: string, lines: string[]) {
  const tag = c.shell.replace(" ", "-");
  const script = join(dir, `${name}.${tag}`);
  const out = join(dir, `${name}-out.${tag}`);
  writeFileSync(script, lines.join("\n"));
  writeFileSync(out, "");
  const run = spawnSync(c.program!, [...c.args, script], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: "/usr/bin:/bin", HOME: dir, LANG: "C.UTF-8", OUT: out },
  });
  return { run, out: readFileSync(out, "utf8") };
}

describe("words shown to paste, pasted into the real shells", () => {
  for (const c of CASES) {
    if (c.program === null) console.warn(`\n*** SKIPPED: ${c.shell} is not installed ***\n`);
    test.skipIf(c.program === null)(
      `${c.shell}: every hostile value pastes back exactly${c.oneLine ? ", on one line" : ""}`,
      () => {
        const syntax = shellSyntax(c.syntax ?? c.shell)!;
        const twice = c.line("x").includes(";");
        const words = VALUES.map((value) => syntax.word(value));
        if (c.oneLine) {
          expect(words.filter((word) => /[\r\n]/.test(word))).toEqual([]);
          // As a message shows it (stderr's printable()): what is pasted is what was printed.
          expect(words.filter((word) => printable(word) !== word)).toEqual([]);
        }
        const script = join(dir, `paste.${c.shell.replace(" ", "-")}`);
        const out = join(dir, `out.${c.shell.replace(" ", "-")}`);
        const before = join(dir, `variables-before.${c.shell.replace(" ", "-")}`);
        const after = join(dir, `variables-after.${c.shell.replace(" ", "-")}`);
        writeFileSync(
          script,
          [c.prelude, c.variables(before), ...words.map(c.line), c.variables(after), ""].join("\n"),
        );
        writeFileSync(out, "");
        const run = spawnSync(c.program!, [...c.args, script], {
          cwd: dir,
          encoding: "utf8",
          env: { PATH: "/usr/bin:/bin", HOME: dir, LANG: "C.UTF-8", OUT: out },
        });
        expect(run.stderr).toBe("");
        const got = readFileSync(out, "utf8").split("\0");
        got.pop();
        const wanted = twice ? VALUES.flatMap((value) => [value, value]) : VALUES;
        expect(got.length).toBe(wanted.length);
        wanted.forEach((value, i) => {
          const word = words[twice ? Math.floor(i / 2) : i];
          if (got[i] !== value) expect({ word, got: got[i] }).toEqual({ word, got: value });
        });
        // Nothing pasted set a variable (an earlier sh word kept its text in __awsmfa_<hash>).
        const variables = (file: string) =>
          readFileSync(file, "utf8")
            .split("\n")
            .filter((line) => !VOLATILE.test(line));
        expect(variables(after)).toEqual(variables(before));
      },
      60_000,
    );
  }
});

// sh's word for a value with a control character is "$(printf 'FORMAT')": a value that
// begins with "-" made a format that printf took for an option (dash: "Illegal option -n",
// bash: "-n: invalid option"), and the word was empty. After `--` on awsmfa's line such a
// value is a profile name like any other.
const DASHED = ["-n\n", "-prod\tx", "--\n", "-\u001b[31m", "-v\n\n"];

describe("sh words of values that begin with a dash: printf gets no option", () => {
  for (const c of CASES.filter((c) => (c.syntax ?? c.shell) === "sh" || c.shell === "dash")) {
    test.skipIf(c.program === null)(`${c.shell}: each pastes back exactly`, () => {
      const words = DASHED.map((value) => shellSyntax("sh")!.word(value));
      const { run, out } = runScript(c, "dashed", ["set -u", ...words.map(POSIX_LINE), ""]);
      expect(run.stderr).toBe("");
      expect(out.split("\0").slice(0, -1)).toEqual(DASHED);
    });
  }
});

describe("a line break at the end, in sh: taken from $IFS, which the word checks first", () => {
  for (const c of CASES.filter((c) => c.prelude === "set -u")) {
    test.skipIf(c.program === null)(
      `${c.shell}: with IFS changed, the command does not run`,
      () => {
        const word = shellSyntax("sh")!.word("prod\n");
        const { run, out } = runScript(c, "ifs", ["set -u", "IFS=:", POSIX_LINE(word), ""]);
        // Not run with "prod:" (IFS's last character): the arithmetic check stops it.
        expect(run.stderr).toMatch(/divi/);
        expect(out).toBe("");
      },
    );
  }
});

test("the apply line printed in direct mode keeps a tab or line break in a name on one line", () => {
  const words = ["awsmfa", "team\tprod\nx"];
  expect(shellSyntax("bash")!.applyLine(words)).toBe(`eval "$(awsmfa $'team\\tprod\\nx')"`);
  expect(shellSyntax("zsh")!.applyLine(words)).toBe(`eval "$(awsmfa $'team\\tprod\\nx')"`);
  expect(shellSyntax("sh")!.applyLine(words)).toBe(
    `eval "$(awsmfa "$(printf 'team\\011prod\\012x')")"`,
  );
  expect(shellSyntax("fish")!.applyLine(words)).toBe(
    "awsmfa 'team'\\t'prod'\\n'x' --format fish | source",
  );
  expect(shellSyntax("pwsh")!.applyLine(words)).toBe(
    'awsmfa "team`tprod`nx" --format powershell | Invoke-Expression',
  );
});
