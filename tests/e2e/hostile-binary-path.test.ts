/**
 * The binary's own path goes into the code `awsmfa shell-init` prints (the function and Tab
 * completion run it by that path). Wherever the binary lives, every shell must run exactly
 * that file: here the compiled binary is linked into folders whose names hold a CR, a LF, a
 * tab, every kind of quote, $, a backtick, %, !, non-ASCII and the placeholder the generated
 * completion holds, and each real shell (bash, zsh, dash, fish, pwsh) loads the function the
 * way the README says, logs in with a hostile profile name (the eval path: export lines),
 * runs a passthrough command, completes a profile name and unsets, through each of them.
 */
import { describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { BINARY_PLACEHOLDER } from "../../src/shell/built-extras.ts";
import { awsmfaBinary } from "../support/binary.ts";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { pwsh } from "../support/pwsh.ts";

const world = useLoginWorld();

/** Folder names for the binary: each one a way to break the quoting of a path. */
const FOLDERS = [
  "cr\rdir",
  "lf\ndir",
  "crlf\r\ndir",
  "tab\tand space",
  `q'uo"te ‘’ “”`,
  "$HOME $(touch PWNED) `touch PWNED2` %PATH% !! !x",
  "Jürgen 日本 😀",
  BINARY_PLACEHOLDER,
  `'${BINARY_PLACEHOLDER}'`,
];

/** A profile name with quotes, $, backtick, %, ! and non-ASCII: it reaches AWS_PROFILE. */
const PROFILE = `Jü ‘q’ "d" $x \`b %p% !h`;

interface ShellCase {
  label: string;
  program: string | null;
  args: string[];
  script: string;
}

const posixScript = (init: string, complete: string) =>
  [
    "i=1",
    'while [ "$i" -le "$N" ]; do',
    '  eval "b=\\$BIN_$i"',
    `  eval "$("$b" shell-init ${init})"`,
    '  awsmfa "$EXPECT_PROFILE" --otp "$CODE"; login=$?',
    `  if [ "\${AWS_PROFILE-}" = "$EXPECT_PROFILE" ]; then profile=same; else profile=differs; fi`,
    `  case "\${AWS_ACCESS_KEY_ID-}" in ASIA*) key=ASIA ;; *) key=none ;; esac`,
    "  awsmfa --version > /dev/null; version=$?",
    `  ${complete}`,
    "  awsmfa unset; unset=$?",
    `  if [ -z "\${AWS_ACCESS_KEY_ID-}" ]; then cleared=yes; else cleared=no; fi`,
    '  echo "$i login=$login profile=$profile key=$key version=$version complete=$complete unset=$unset cleared=$cleared" >> "$RESULT"',
    "  i=$((i + 1))",
    "done",
    "",
  ].join("\n");

// bash: the registered completion function, as Tab would call it.
const BASH_COMPLETE =
  'COMP_WORDS=(awsmfa ""); COMP_CWORD=1; COMP_LINE="awsmfa "; COMP_POINT=7; COMPREPLY=(); ' +
  "_awsmfa_complete awsmfa '' awsmfa; complete=no; " +
  `for w in "\${COMPREPLY[@]}"; do [ "$w" = plainprofile ] && complete=yes; done`;
// zsh and dash: the function has no completion to call outside an interactive zsh (zsh's uses
// the same quoting as bash's).
const NO_COMPLETE = "complete=n/a";

const FISH_SCRIPT = [
  "for i in (seq $N)",
  "    set -l name BIN_$i",
  "    $$name shell-init fish | source",
  "    awsmfa $EXPECT_PROFILE --otp $CODE; set -l login $status",
  '    set -l profile differs; test "$AWS_PROFILE" = "$EXPECT_PROFILE"; and set profile same',
  "    set -l key none; string match -q 'ASIA*' -- \"$AWS_ACCESS_KEY_ID\"; and set key ASIA",
  "    awsmfa --version > /dev/null; set -l passed $status",
  "    set -l complete no; complete -C 'awsmfa ' | string match -q -r '^plainprofile\\b'; and set complete yes",
  "    awsmfa unset; set -l unset $status",
  "    set -l cleared no; set -q AWS_ACCESS_KEY_ID; or set cleared yes",
  '    echo "$i login=$login profile=$profile key=$key version=$passed complete=$complete unset=$unset cleared=$cleared" >> $RESULT',
  "end",
  "",
].join("\n");

const PWSH_SCRIPT = [
  "for ($i = 1; $i -le [int]$env:N; $i++) {",
  '  $b = [Environment]::GetEnvironmentVariable("BIN_$i")',
  "  & $b shell-init powershell | Out-String | Invoke-Expression",
  "  awsmfa $env:EXPECT_PROFILE --otp $env:CODE; $login = $LASTEXITCODE",
  "  $profile = if ($env:AWS_PROFILE -ceq $env:EXPECT_PROFILE) { 'same' } else { 'differs' }",
  "  $key = if (\"$env:AWS_ACCESS_KEY_ID\".StartsWith('ASIA')) { 'ASIA' } else { 'none' }",
  "  $null = awsmfa --version; $version = $LASTEXITCODE",
  "  $words = @((TabExpansion2 'awsmfa ' 7).CompletionMatches | ForEach-Object CompletionText)",
  // büro: the profile names are read from `_profiles` as UTF-8 whatever the console's code page.
  "  $complete = if ($words -contains 'plainprofile' -and $words -contains \"'büro'\") { 'yes' } else { 'no' }",
  "  awsmfa unset; $unset = $LASTEXITCODE",
  "  $cleared = if (\"$env:AWS_ACCESS_KEY_ID\" -eq '') { 'yes' } else { 'no' }",
  '  Add-Content -LiteralPath $env:RESULT "$i login=$login profile=$profile key=$key version=$version complete=$complete unset=$unset cleared=$cleared"',
  "}",
  "",
].join("\n");

const SHELLS: ShellCase[] = [
  {
    label: "bash",
    program: Bun.which("bash"),
    args: ["--norc", "--noprofile"],
    script: posixScript("bash", BASH_COMPLETE),
  },
  {
    label: "zsh",
    program: Bun.which("zsh"),
    args: ["-f"],
    script: posixScript("zsh", NO_COMPLETE),
  },
  { label: "dash", program: Bun.which("dash"), args: [], script: posixScript("sh", NO_COMPLETE) },
  { label: "fish", program: Bun.which("fish"), args: ["--no-config"], script: FISH_SCRIPT },
  {
    label: "pwsh",
    program: pwsh,
    args: ["-NoLogo", "-NoProfile", "-NonInteractive", "-File"],
    script: PWSH_SCRIPT,
  },
  {
    // A Windows console's default: PowerShell decodes what programs print with the OEM code
    // page unless told UTF-8, so awsmfa's PowerShell code must be ASCII.
    label: "pwsh with a code page 437 console",
    program: pwsh,
    args: ["-NoLogo", "-NoProfile", "-NonInteractive", "-File"],
    script: `[Console]::OutputEncoding = [Text.Encoding]::GetEncoding(437)\n${PWSH_SCRIPT}`,
  },
];

/** The binary, linked (or copied) into each hostile folder under the user's HOME. */
async function placeBinaries(login: LoginUser): Promise<string[]> {
  const binary = await awsmfaBinary();
  return FOLDERS.map((folder, i) => {
    const dir = join(login.sandbox.home, `bin-${i}`, folder);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "awsmfa");
    try {
      linkSync(binary, path);
    } catch {
      copyFileSync(binary, path);
    }
    return path;
  });
}

function runScript(
  program: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(program, args, { env, cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

describe("the binary at a hostile path, through each real shell's function", () => {
  for (const shell of SHELLS) {
    if (shell.program === null) {
      console.warn(
        `\n*** SKIPPED: ${shell.label} is not installed: its hostile-path test does not run ***\n`,
      );
    }
    test.skipIf(shell.program === null)(
      `${shell.label}: login, passthrough, completion and unset run the binary at every path`,
      async () => {
        const login = world.user({ profile: PROFILE });
        login.sandbox.writeConfig(
          `${login.sandbox.readConfig()}[profile plainprofile]\n[profile büro]\n`,
        );
        const binaries = await placeBinaries(login);
        const home = login.sandbox.home;
        const script = join(home, "script");
        const result = join(home, "result");
        writeFileSync(script, shell.script);
        writeFileSync(result, "");
        const env: Record<string, string> = {
          ...login.sandbox.env,
          // No awsmfa on PATH: only the path in the function can run it.
          PATH: "/usr/local/bin:/usr/bin:/bin",
          // Anything not for the fake AWS on 127.0.0.1 would go to a closed port.
          HTTPS_PROXY: "http://127.0.0.1:9",
          HTTP_PROXY: "http://127.0.0.1:9",
          NO_PROXY: "127.0.0.1",
          EXPECT_PROFILE: PROFILE,
          CODE: login.code(),
          RESULT: result,
          N: String(binaries.length),
        };
        binaries.forEach((path, i) => {
          env[`BIN_${i + 1}`] = path;
        });
        // Not spawnSync: the fake AWS answers from this process.
        const run = await runScript(shell.program!, [...shell.args, script], env, home);
        const lines = readFileSync(result, "utf8").trim().split("\n");
        const complete = shell.script.includes("complete=n/a") ? "n/a" : "yes";
        expect({ stderr: run.stderr, lines }).toEqual({
          stderr: expect.any(String),
          lines: binaries.map(
            (_, i) =>
              `${i + 1} login=0 profile=same key=ASIA version=0 complete=${complete} unset=0 cleared=yes`,
          ),
        });
        expect(run.status).toBe(0);
        expect(readdirSync(home).filter((name) => name.startsWith("PWNED"))).toEqual([]);
      },
      180_000,
    );
  }
});
