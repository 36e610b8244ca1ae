/**
 * The PowerShell integration in real pwsh, with the compiled binary and the fake AWS, as a
 * pwsh user on Linux or macOS uses it (and, as far as the language goes, a Windows user):
 * the `awsmfa` function with a hostile profile name, printed --format output, unset and logout,
 * Tab completion (TabExpansion2 runs the registered completer), and the prompt hook's warning
 * and process count. The code typed at a real prompt: tests/e2e/pwsh-tmux.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { pwsh, runPwshFile } from "../support/pwsh.ts";

const world = useLoginWorld();
/** Quotes, backtick, $(...), ;, typographic quotes and unicode: a profile name that bites. */
const HOSTILE = "x'; New-Item PWNED; '$(New-Item PWNED2)`a ‘q’ ü;y";

const pwshEnv = (home: Record<string, string>) => ({ ...home, PATH: process.env.PATH ?? "" });

describe.skipIf(!pwsh)("PowerShell (real pwsh)", () => {
  test("the function sets $env:AWS_* for a hostile profile name, byte for byte; --format is printed, not run; unset and logout clear", async () => {
    const login = world.user({ profile: HOSTILE });
    const binary = await awsmfaBinary();
    const home = login.sandbox.home;
    const script = join(home, "check.ps1");
    const result = join(home, "result.json");
    writeFileSync(
      script,
      [
        "$ErrorActionPreference = 'Stop'",
        "& $env:TEST_BINARY shell-init powershell | Out-String | Invoke-Expression",
        "$p = $env:TEST_PROFILE",
        "$r = [ordered]@{}",
        "awsmfa $p --otp $env:TEST_CODE",
        "$r.loginStatus = $LASTEXITCODE",
        "$r.profile = $env:AWS_PROFILE",
        "$r.key = $env:AWS_ACCESS_KEY_ID",
        "$r.expires = $env:AWSMFA_EXPIRES",
        '$r.printed = (awsmfa unset --format powershell) -join "`n"',
        "$r.keyAfterPrinted = $env:AWS_ACCESS_KEY_ID",
        '$r.json = (awsmfa $p --format json) -join "`n"',
        "awsmfa unset",
        '$r.keyAfterUnset = "$env:AWS_ACCESS_KEY_ID"',
        "awsmfa $p",
        "$r.keyAgain = $env:AWS_ACCESS_KEY_ID",
        "awsmfa logout $p",
        "$r.logoutStatus = $LASTEXITCODE",
        '$r.keyAfterLogout = "$env:AWS_ACCESS_KEY_ID"',
        '$r.profileAfterLogout = "$env:AWS_PROFILE"',
        "[IO.File]::WriteAllText($env:TEST_RESULT, ($r | ConvertTo-Json))",
        "",
      ].join("\n"),
    );
    const run = await runPwshFile(
      script,
      pwshEnv({
        ...login.sandbox.env,
        TEST_BINARY: binary,
        TEST_PROFILE: HOSTILE,
        TEST_CODE: login.code(),
        TEST_RESULT: result,
      }),
      home,
    );
    expect(run.stderr).not.toContain("Exception");
    expect(run.code).toBe(0);
    const r = JSON.parse(readFileSync(result, "utf8"));
    expect(r.loginStatus).toBe(0);
    expect(r.profile).toBe(HOSTILE);
    expect(r.key).toMatch(/^ASIA/);
    expect(r.expires).toMatch(/^\d+$/);
    expect(r.printed).toContain("Remove-Item -LiteralPath Env:AWS_ACCESS_KEY_ID");
    expect(r.keyAfterPrinted).toBe(r.key);
    expect(JSON.parse(r.json).AccessKeyId).toBe(r.key);
    expect(r.keyAfterUnset).toBe("");
    expect(r.keyAgain).toBe(r.key);
    expect(r.logoutStatus).toBe(0);
    expect(r.keyAfterLogout).toBe("");
    expect(r.profileAfterLogout).toBe("");
    expect(readdirSync(home).filter((f) => f.startsWith("PWNED"))).toEqual([]);
  });

  test("Tab completion: commands, flags, --format values and profile names (quoted when needed)", async () => {
    const login = world.user({ profile: "prod" });
    login.sandbox.writeConfig(`${login.sandbox.readConfig()}[profile dev]\n`);
    login.sandbox.writeCredentials(
      `${login.sandbox.readCredentials()}[it's-ü]\nregion = eu-west-1\n`,
    );
    const binary = await awsmfaBinary();
    const home = login.sandbox.home;
    const script = join(home, "complete.ps1");
    const result = join(home, "completion.json");
    const cases = {
      commands: "awsmfa lo",
      first: "awsmfa ",
      flags: "awsmfa login --f",
      format: "awsmfa --format ",
      formatCmd: "awsmfa prod --format c",
      unsetFormat: "awsmfa unset --format ",
      profileFlag: "awsmfa status --profile ",
      execProfile: "awsmfa exec d",
      afterProfile: "awsmfa exec dev ",
    };
    writeFileSync(
      script,
      [
        "$ErrorActionPreference = 'Stop'",
        "& $env:TEST_BINARY shell-init powershell | Out-String | Invoke-Expression",
        "function c([string]$line) { ,@((TabExpansion2 $line $line.Length).CompletionMatches | ForEach-Object CompletionText) }",
        "$r = [ordered]@{}",
        ...Object.entries(cases).map(([name, line]) => `$r.${name} = c '${line}'`),
        "[IO.File]::WriteAllText($env:TEST_RESULT, ($r | ConvertTo-Json))",
        "",
      ].join("\n"),
    );
    const run = await runPwshFile(
      script,
      pwshEnv({ ...login.sandbox.env, TEST_BINARY: binary, TEST_RESULT: result }),
      home,
    );
    expect(run.stderr).toBe("");
    const r = JSON.parse(readFileSync(result, "utf8")) as Record<string, string[]>;
    expect(r.commands).toEqual(["login", "logout"]);
    expect(r.first).toEqual(
      expect.arrayContaining(["login", "exec", "doctor", "prod", "dev", "'it''s-ü'"]),
    );
    expect(r.first).not.toContain("_profiles");
    expect(r.flags).toEqual(expect.arrayContaining(["--format", "--force"]));
    expect(r.format).toEqual(["sh", "fish", "powershell", "cmd", "dotenv", "json"]);
    expect(r.formatCmd).toEqual(["cmd"]);
    expect(r.unsetFormat).toEqual(["sh", "fish", "powershell", "cmd"]);
    expect(r.profileFlag).toEqual(expect.arrayContaining(["prod", "dev", "'it''s-ü'"]));
    expect(r.execProfile).toEqual(["dev"]);
    // After the profile comes the command to run: no profiles or awsmfa commands (PowerShell
    // offers files then, as for any command).
    expect(r.afterProfile).not.toContain("dev");
    expect(r.afterProfile).not.toContain("login");
  });

  test("the prompt hook warns once before expiry, and 30 prompts start no process (strace)", async () => {
    const binary = await awsmfaBinary();
    const login = world.user();
    const home = login.sandbox.home;
    const now = Math.floor(Date.now() / 1000);
    const script = (prompts: number, extra = "") => {
      const file = join(home, `prompts-${prompts}-${extra ? "x" : ""}.ps1`);
      writeFileSync(
        file,
        [
          "& $env:TEST_BINARY shell-init powershell | Out-String | Invoke-Expression",
          `$env:AWSMFA_EXPIRES = '${now + 300}'`,
          "$env:AWS_PROFILE = 'prod'",
          ...Array(prompts).fill("$null = prompt"),
          extra,
          "",
        ].join("\n"),
      );
      return file;
    };
    const warned = await runPwshFile(
      script(3),
      pwshEnv({ ...login.sandbox.env, TEST_BINARY: binary }),
      home,
    );
    const lines = warned.stderr.split("\n").filter((line) => line.startsWith("awsmfa:"));
    expect(lines).toEqual([
      expect.stringMatching(
        /^awsmfa: the AWS session for prod expires in [45]m; `awsmfa prod` gets a new one\.$/,
      ),
    ]);
    if (Bun.which("strace") === null) {
      console.warn("*** SKIPPED the pwsh process count: strace is not installed ***");
      return;
    }
    const started = (file: string) => {
      const log = join(home, `strace-${Math.random().toString(36).slice(2)}`);
      const r = spawnSync(
        "strace",
        [
          "-f",
          "-qq",
          "-o",
          log,
          "-e",
          "trace=execve,fork,vfork,clone,clone3",
          pwsh!,
          "-NoLogo",
          "-NoProfile",
          "-NonInteractive",
          "-File",
          file,
        ],
        { env: pwshEnv({ ...login.sandbox.env, TEST_BINARY: binary }), encoding: "utf8" },
      );
      if (r.status !== 0) throw new Error(`strace pwsh failed: ${r.stderr}`);
      return readFileSync(log, "utf8")
        .split("\n")
        .filter(
          (line) => /\b(execve|fork|vfork|clone3?)\(/.test(line) && !line.includes("CLONE_THREAD"),
        ).length;
    };
    const base = started(script(0));
    expect(started(script(30))).toBe(base);
    expect(started(script(0, "& /bin/true; & /bin/true"))).toBeGreaterThanOrEqual(base + 2);
  }, 120_000);
});

test.skipIf(!pwsh)("no PWNED file anywhere it could land", () => {
  expect(existsSync("PWNED")).toBe(false);
});
