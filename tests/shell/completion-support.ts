/**
 * Shared pieces of the completion tests: a small hand-written spec (for golden files), the
 * spec of the real program, and a stand-in binary whose `_profiles` prints a fixed list.
 */

import { expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram } from "../../src/cli.ts";
import { completionSpec } from "../../src/commands/completion-spec.ts";
import type { CompletionSpec } from "../../src/shell/completion-spec.ts";
import { testDeps } from "../support/test-deps.ts";

export const SMALL_SPEC: CompletionSpec = {
  defaultCommand: "login",
  globalFlags: [
    { names: ["-V", "--version"], description: "print the version" },
    { names: ["-h", "--help"], description: "show help" },
  ],
  commands: [
    {
      names: ["login", "in"],
      description: "get a session [the default] for `prod`: it's quick",
      profileArgument: true,
      flags: [
        {
          names: ["-p", "--profile"],
          description: "profile [env: AWS_PROFILE]",
          value: { kind: "profile" },
        },
        {
          names: ["--format"],
          description: "output format",
          value: { kind: "choices", choices: ["sh", "fish", "json"] },
        },
        { names: ["--otp"], description: "the code", value: { kind: "text", name: "code" } },
        { names: ["-f", "--force"], description: "a new session\\even if cached" },
      ],
    },
    {
      names: ["whoami"],
      description: "who am I",
      profileArgument: false,
      flags: [{ names: ["--json"], description: "print JSON" }],
    },
    {
      names: ["init"],
      description: "print the shell function",
      profileArgument: false,
      argumentValues: ["bash", "fish"],
      flags: [],
    },
    {
      names: ["keys"],
      description: "long-term keys",
      profileArgument: false,
      flags: [],
      subcommands: [
        {
          names: ["move", "mv"],
          description: "move a profile's keys",
          profileArgument: true,
          flags: [
            {
              names: ["--to"],
              description: "the key store",
              value: { kind: "choices", choices: ["keychain", "pass"] },
            },
          ],
        },
      ],
    },
  ],
};

/** The spec of the real command line: what shell-init's completion text is rendered from. */
export async function realSpec(): Promise<CompletionSpec> {
  const { deps } = testDeps();
  return completionSpec(
    await buildProgram({ deps, state: { exitCode: 0, outputMode: undefined } }),
  );
}

/** Profile names the stand-in prints: plain, and with characters a shell would expand. */
export const PROFILES = ["prod", "prod-long-term", "staging", "dev$x", "semi;colon"];

/** A folder with an executable `awsmfa` whose `_profiles` prints PROFILES. */
export function standInBinary(): string {
  const folder = mkdtempSync(join(tmpdir(), "awsmfa-complete-"));
  const binary = join(folder, "awsmfa");
  const lines = PROFILES.map((name) => `'${name}'`).join(" ");
  writeFileSync(binary, `#!/bin/sh\n[ "$1" = _profiles ] && printf '%s\\n' ${lines}\n`);
  chmodSync(binary, 0o755);
  return binary;
}

/**
 * Runs a bash or fish script that prints each case's completions, one per line, then "=====":
 * the words each case got, in order; and a test that the script ran without errors.
 */
export function completionAnswers(shell: "bash" | "fish", script: string): string[][] {
  const args =
    shell === "bash" ? ["--norc", "--noprofile", "-c", script] : ["--no-config", "-c", script];
  const run = spawnSync(shell, args, { encoding: "utf8" });
  test("runs without errors", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
  return run.stdout.split("=====\n").map((block) => block.split("\n").filter(Boolean));
}

/** A bash function, complete_words WORD..., that prints what completing the last word offers. */
export function bashCompleteWords(sorted: boolean): string[] {
  return [
    "complete_words() {",
    '  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()',
    "  _awsmfa_complete",
    `  printf '%s\\n' "\${COMPREPLY[@]}"${sorted ? " | LC_ALL=C sort" : ""}; echo =====`,
    "}",
  ];
}
