/**
 * The expiry warnings of the prompt hooks, run by the real shells without a terminal: the
 * rule (one line at 10 minutes or less, one when expired, once per session), hostile values
 * of AWSMFA_EXPIRES, the last command's status kept, PROMPT_COMMAND and precmd_functions
 * extended without clobbering, and no process started per prompt (counted with strace).
 * The same hooks at a real prompt: tests/e2e/shell-life-tmux.test.ts.
 */

import { afterAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initExtras, shellSyntax } from "../../src/shell/index.ts";
import { powershellPromptHook } from "../../src/shell/powershell/hook.ts";
import { realSpec } from "./completion-support.ts";

/** The spec of the real command line (all commands loaded, as shell-init does). */
const REAL_SPEC = await realSpec();

const dir = mkdtempSync(join(tmpdir(), "awsmfa-hooks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Kind = "bash" | "zsh" | "fish";

// Loaded up front: initFile runs in describe bodies, which cannot wait.
const EXTRAS: Record<Kind, string> = {
  bash: await initExtras(shellSyntax("bash")!, REAL_SPEC, join(dir, "awsmfa")),
  zsh: await initExtras(shellSyntax("zsh")!, REAL_SPEC, join(dir, "awsmfa")),
  fish: await initExtras(shellSyntax("fish")!, REAL_SPEC, join(dir, "awsmfa")),
};

function initFile(kind: Kind): string {
  const syntax = shellSyntax(kind)!;
  const binary = join(dir, "awsmfa");
  const extra = EXTRAS[kind];
  const file = join(dir, `init.${kind}`);
  writeFileSync(file, syntax.initScript({ binary, passthrough: ["whoami"], extra }));
  return file;
}

/** How each shell loads the file, sets a variable, and runs one prompt's hooks. */
const SHELLS: Record<
  Kind,
  { args: string[]; set(value: string): string; hook: string; unset: string }
> = {
  bash: {
    args: ["--norc", "--noprofile", "-c"],
    set: (v) => `AWSMFA_EXPIRES='${v}'`,
    hook: "__awsmfa_prompt_hook",
    unset: "unset AWSMFA_EXPIRES",
  },
  zsh: {
    args: ["-f", "-c"],
    set: (v) => `AWSMFA_EXPIRES='${v}'`,
    hook: "__awsmfa_precmd",
    unset: "unset AWSMFA_EXPIRES",
  },
  fish: {
    args: ["--no-config", "-c"],
    set: (v) => `set -g AWSMFA_EXPIRES '${v}'`,
    hook: "emit fish_prompt",
    unset: "set -e AWSMFA_EXPIRES",
  },
};

const load = (kind: Kind, file: string) => (kind === "fish" ? `source '${file}'` : `. '${file}'`);
const now = () => Math.floor(Date.now() / 1000);
const SOON = (left: string) =>
  `awsmfa: the AWS session for prod expires in ${left}; \`awsmfa prod\` gets a new one.`;
const EXPIRED = "awsmfa: the AWS session for prod has expired; `awsmfa prod` gets a new one.";

for (const kind of ["bash", "zsh", "fish"] as const) {
  const missing = Bun.which(kind) === null;
  if (missing) console.log(`skipping the ${kind} prompt hook: ${kind} is not installed`);

  describe.skipIf(missing)(`the ${kind} prompt hook`, () => {
    const shell = SHELLS[kind];
    const file = initFile(kind);
    const run = (lines: string[]) =>
      spawnSync(kind, [...shell.args, [load(kind, file), ...lines].join("\n")], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, HOME: dir, AWS_PROFILE: "prod" },
      });

    test("one line at 10 minutes or less, one when expired, once per session", () => {
      const t = now();
      const r = run([
        shell.set(String(t + 3600)),
        shell.hook,
        shell.hook,
        "echo after-an-hour",
        shell.set(String(t + 330)),
        shell.hook,
        shell.hook,
        shell.hook,
        "echo after-soon",
        shell.set(String(t - 5)),
        shell.hook,
        shell.hook,
        "echo after-expired",
        shell.set(String(t + 210)),
        shell.hook,
        shell.hook,
        shell.set(String(t + 45)),
        shell.hook,
        shell.unset,
        shell.hook,
      ]);
      expect(r.stdout).toBe("after-an-hour\nafter-soon\nafter-expired\n");
      const lines = r.stderr.split("\n");
      expect(lines.slice(0, 3)).toEqual([SOON("5m"), EXPIRED, SOON("3m")]);
      // Seconds are exact, so a second may pass between this test reading the clock and the shell.
      expect(lines[3]).toMatch(new RegExp(`^${SOON("4[345]s").replace(/[`.()]/g, "\\$&")}$`));
      expect(lines.slice(4)).toEqual([""]);
      expect(r.status).toBe(0);
    });

    test("ignores AWSMFA_EXPIRES that is not a plain number, and runs nothing in it", () => {
      const pwned = join(dir, `pwned-${kind}`);
      const hostile = [
        `a[$(touch ${pwned})]`,
        `$(touch ${pwned})`,
        `1+1`,
        "0123",
        "-5",
        "99999999999999999999",
        " 42",
        "",
      ];
      const r = run(hostile.flatMap((value) => [shell.set(value), shell.hook]));
      expect(r.stderr).toBe("");
      expect(existsSync(pwned)).toBe(false);
    });

    if (kind !== "fish") {
      test("keeps the last command's status for what runs after it", () => {
        const r = run([shell.set(String(now() + 3600)), "false", shell.hook, 'echo "status=$?"']);
        expect(r.stdout).toBe("status=1\n");
      });
    }
  });
}

describe.skipIf(Bun.which("bash") === null)("PROMPT_COMMAND", () => {
  test("the hook is appended after the user's own, once, and theirs still sees $?", () => {
    const file = initFile("bash");
    const script = [
      `PROMPT_COMMAND='echo "user hook saw $?";'`,
      `. '${file}'`,
      `. '${file}'`,
      'printf "%s|" "$PROMPT_COMMAND"; echo',
      "false",
      'eval "$PROMPT_COMMAND"',
    ].join("\n");
    const r = spawnSync("bash", ["--norc", "--noprofile", "-c", script], { encoding: "utf8" });
    expect(r.stdout).toBe('echo "user hook saw $?";\n__awsmfa_prompt_hook|\nuser hook saw 1\n');
  });

  test("an empty PROMPT_COMMAND gets just the hook", () => {
    const file = initFile("bash");
    const script = `unset PROMPT_COMMAND; . '${file}'; printf '%s|' "$PROMPT_COMMAND"`;
    const r = spawnSync("bash", ["--norc", "--noprofile", "-c", script], { encoding: "utf8" });
    expect(r.stdout).toBe("__awsmfa_prompt_hook|");
  });
});

describe.skipIf(Bun.which("zsh") === null)("precmd_functions", () => {
  test("the hook joins the user's precmd functions, once", () => {
    const file = initFile("zsh");
    const script = `precmd_functions=(my_precmd); . '${file}'; . '${file}'; print -r -- "\${precmd_functions[@]}"`;
    const r = spawnSync("zsh", ["-f", "-c", script], { encoding: "utf8" });
    expect(r.stdout).toBe("my_precmd __awsmfa_compdef_later __awsmfa_precmd\n");
  });
});

/** Processes started (execve, and fork/clone without CLONE_THREAD) according to strace. */
function processesStarted(kind: Kind, script: string): number {
  const log = join(dir, `strace-${kind}-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(
    "strace",
    [
      "-f",
      "-qq",
      "-o",
      log,
      "-e",
      "trace=execve,fork,vfork,clone,clone3",
      kind,
      ...SHELLS[kind].args,
      script,
    ],
    { encoding: "utf8", env: { PATH: process.env.PATH, HOME: dir, AWS_PROFILE: "prod" } },
  );
  if (r.status !== 0) throw new Error(`strace ${kind} failed: ${r.stderr}`);
  return readFileSync(log, "utf8")
    .split("\n")
    .filter(
      (line) => /\b(execve|fork|vfork|clone3?)\(/.test(line) && !line.includes("CLONE_THREAD"),
    ).length;
}

const noStrace = Bun.which("strace") === null;
if (noStrace) console.log("skipping the process count of prompt hooks: strace is not installed");

describe.skipIf(noStrace)("no process per prompt", () => {
  for (const kind of ["bash", "zsh", "fish"] as const) {
    test.skipIf(Bun.which(kind) === null)(`${kind}: 30 prompts start no process`, () => {
      const shell = SHELLS[kind];
      const file = initFile(kind);
      const t = now();
      const prompts = (n: number) =>
        [load(kind, file), shell.set(String(t + 300)), ...Array(n).fill(shell.hook)].join("\n");
      // The warning prints on the first prompt: that one counts too.
      const base = processesStarted(kind, prompts(0));
      expect(processesStarted(kind, prompts(30))).toBe(base);
      // And the count does see a process when there is one.
      const control = `${prompts(0)}\ncommand date >/dev/null\ncommand date >/dev/null`;
      expect(processesStarted(kind, control)).toBeGreaterThanOrEqual(base + 2);
    });
  }
});

/** A name with a line break, a tab, an escape sequence, a bell and a CR. */
const CONTROLS = "line\nbreak\ttab\u001b[31mred\u0007bell\rcr";

/** Whether `stderr` is one warning line, ending in a newline, with no control character. */
function oneWarningLine(stderr: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return stderr.endsWith("\n") && !/[\x00-\x1f\x7f-\x9f]/.test(stderr.slice(0, -1));
}

// Issue 11, item 10: the suggested `awsmfa PROFILE` is quoted for the shell it is pasted into.
for (const kind of ["bash", "zsh", "fish"] as const) {
  describe.skipIf(Bun.which(kind) === null)(`the ${kind} hook's suggested command`, () => {
    const shell = SHELLS[kind];
    const file = initFile(kind);
    for (const profile of ["dev team", "x$(touch pwned)'\"`;y", "-rf", "a\\b*c", CONTROLS]) {
      test(`pastes as one word for profile ${JSON.stringify(profile)}`, () => {
        const home = mkdtempSync(join(dir, "paste-"));
        const r = spawnSync(
          kind,
          [...shell.args, [load(kind, file), shell.set(String(now() - 5)), shell.hook].join("\n")],
          {
            encoding: "utf8",
            cwd: home,
            env: { PATH: process.env.PATH, HOME: home, AWS_PROFILE: profile },
          },
        );
        const suggested = /`(awsmfa .*)` gets a new one/.exec(r.stderr)?.[1];
        expect(suggested).toBeDefined();
        // One line, with no control character: a line break or escape in the name is shown
        // quoted by the shell ($'...', fish's escapes), never as it is.
        expect(oneWarningLine(r.stderr)).toBe(true);
        // Paste it where `awsmfa` is a function that prints its arguments, one per line.
        const printer =
          kind === "fish"
            ? "function awsmfa; printf '%s\\n' $argv; end"
            : 'awsmfa() { printf "%s\\n" "$@"; }';
        const pasted = spawnSync(kind, [...shell.args, `${printer}\n${suggested}`], {
          encoding: "utf8",
          cwd: home,
          env: { PATH: process.env.PATH, HOME: home },
        });
        // A name like an option goes after `login --` (issue 11 item 14, in the hooks too).
        const words = profile.startsWith("-") ? ["login", "--", profile] : [profile];
        expect(pasted.stdout).toBe(`${words.join("\n")}\n`);
        expect(existsSync(join(home, "pwned"))).toBe(false);
      });
    }
  });
}

// Issue 11 items 10 and 14, the PowerShell case: its hook printed `awsmfa $name` unquoted, so
// "dev team" pasted as two words and a hostile name ran code.
const PWSH = Bun.which("pwsh") ?? Bun.which("pwsh", { PATH: `${process.env.HOME}/.dotnet/tools` });
describe.skipIf(PWSH === null)("the PowerShell hook's suggested command", () => {
  test("pastes as one word, a dash name after a quoted '--', nothing runs", () => {
    const home = mkdtempSync(join(dir, "pwsh-paste-"));
    const hook = join(home, "hook.ps1");
    writeFileSync(hook, powershellPromptHook());
    // Get-Content reads the list by lines: the name with controls has no line break here.
    const controls = "tab\there\u001b[31mred\u0007bell";
    const profiles = ["dev team", "x$(touch pwned)'\"`;y", "-rf", "a\u2018b;c", "dev-1", controls];
    const list = join(home, "profiles.txt");
    writeFileSync(list, profiles.join("\n"));
    const env = { PATH: process.env.PATH, HOME: home };
    const warn = spawnSync(
      PWSH!,
      [
        "-NoProfile",
        "-Command",
        `. '${hook}'; $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds(); ` +
          `foreach ($p in (Get-Content -Encoding utf8 '${list}')) { $env:AWS_PROFILE = $p; ` +
          "$env:AWSMFA_EXPIRES = \"$($now - 5)\"; $global:__awsmfaWarned = ''; __awsmfaPromptHook }",
      ],
      { encoding: "utf8", cwd: home, env },
    );
    const suggested = [...warn.stderr.matchAll(/`(awsmfa .*)` gets a new one/g)].map((m) => m[1]);
    expect(suggested).toHaveLength(profiles.length);
    // One line each, the name's controls shown as \xHH, as awsmfa shows them.
    const lines = warn.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(profiles.length);
    expect(oneWarningLine(`${lines.join(" ")}\n`)).toBe(true);
    expect(lines.at(-1)).toContain("session for tab\\x09here\\x1b[31mred\\x07bell has expired");
    const script = join(home, "paste.ps1");
    writeFileSync(
      script,
      `\uFEFFfunction awsmfa { $args | ForEach-Object { "[$_]" } }\n${suggested.map((line) => `${line}\n'---'`).join("\n")}\n`,
    );
    const pasted = spawnSync(PWSH!, ["-NoProfile", "-File", script], {
      encoding: "utf8",
      cwd: home,
      env,
    });
    const expected = profiles.map((p) =>
      (p.startsWith("-") ? ["login", "--", p] : [p]).map((w) => `[${w}]`).join("\n"),
    );
    expect(
      pasted.stdout
        .split("---")
        .map((part) => part.trim())
        .filter(Boolean),
    ).toEqual(expected);
    expect(existsSync(join(home, "pwned"))).toBe(false);
  }, 60_000);
});
