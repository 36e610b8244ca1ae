/**
 * PowerShell reads awsmfa's code as a native program's output, not from a file:
 * `awsmfa shell-init powershell | Out-String | Invoke-Expression`, and the function's
 * `(& awsmfa ...) -join "`n"`. On that way it splits lines at CR, LF and CRLF and joins them
 * again, and decodes them with [Console]::OutputEncoding (on Windows the OEM code page unless
 * the user set UTF-8). Every value must still come back byte for byte: here in real pwsh,
 * both ways, with a UTF-8 console and with code page 437 (a Windows console's default).
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderExports, renderUnsets, shellForFormat } from "../../src/shell/index.ts";
import { pwsh, runPwshFile } from "../support/pwsh.ts";
import { parseEnvDump } from "../support/real-shells.ts";
import { hostileValues } from "./hostile-values.ts";

/** The two ways the code reaches PowerShell, reading the file `$env:CODE` as a program's output. */
const WAYS = {
  "Out-String | Invoke-Expression": "& /bin/cat $env:CODE | Out-String | Invoke-Expression",
  'the function\'s -join "`n"': 'Invoke-Expression ((& /bin/cat $env:CODE) -join "`n")',
};
const CONSOLES = {
  "UTF-8": "[Text.UTF8Encoding]::new($false)",
  "code page 437": "[Text.Encoding]::GetEncoding(437)",
};

interface Run {
  env: Map<string, string>;
  printed: string;
  stderr: string;
  code: number | null;
  pwned: string[];
  /** The folder the hidden commands would create files in (TRAP in the values). */
  trap: string;
}

async function evaluate(code: string, way: string, encoding: string): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), "awsmfa-pwsh-output-"));
  try {
    const trap = join(dir, "trap");
    await Bun.write(join(trap, ".keep"), "");
    await writeFile(join(dir, "code.ps1"), code.replaceAll("TRAP", trap));
    const script = join(dir, "run.ps1");
    await writeFile(
      script,
      [
        "$ErrorActionPreference = 'Stop'",
        `[Console]::OutputEncoding = ${encoding}`,
        // What the code prints (printText) is collected as one string, as the terminal shows it.
        `$printed = (${way}) -join "\`n"`,
        "[IO.File]::WriteAllText($env:PRINTED, $printed, [Text.UTF8Encoding]::new($false))",
        "& /bin/sh -c 'env -0 > \"$1\"' sh $env:DUMP",
        "",
      ].join("\n"),
    );
    const env = {
      PATH: "/usr/bin:/bin",
      HOME: dir,
      CODE: join(dir, "code.ps1"),
      DUMP: join(dir, "env.dump"),
      PRINTED: join(dir, "printed"),
    };
    const result = await runPwshFile(script, env, dir);
    const dump = existsSync(env.DUMP) ? await readFile(env.DUMP) : Buffer.alloc(0);
    const printed = existsSync(env.PRINTED) ? await readFile(env.PRINTED, "utf8") : "";
    const pwned = (await readdir(trap)).filter((name) => name !== ".keep");
    return {
      env: parseEnvDump(dump),
      printed,
      stderr: result.stderr,
      code: result.code,
      pwned,
      trap,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const VALUES = hostileValues("TRAP");
const NAMED = VALUES.map((value, i) => [`AWSMFA_T${i}`, value] as const);
/** Printed text, as the function prints help or fish lines asked for in PowerShell. */
const TEXT = "line one\r\nJürgen ‘q’ “d” `n $HOME\rCR only\ttab 😀 日本語\n";

describe.skipIf(!pwsh)("PowerShell reading awsmfa's code as a program's output", () => {
  for (const [wayName, way] of Object.entries(WAYS)) {
    for (const [consoleName, encoding] of Object.entries(CONSOLES)) {
      test(`${wayName}, ${consoleName}: hostile values, unsets and printed text come back exactly`, async () => {
        const code =
          renderExports("powershell", [...NAMED, ["AWSMFA_GONE", "x"]]) +
          renderUnsets("powershell", ["AWSMFA_GONE", "AWSMFA_NEVER_SET"]) +
          shellForFormat("powershell").printText(TEXT);
        const run = await evaluate(code, way, encoding);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.pwned).toEqual([]);
        for (const [name, value] of NAMED) {
          const got = run.env.get(name);
          const want = value.replaceAll("TRAP", run.trap);
          if (got !== want) {
            expect({ name, got: got && Buffer.from(got) }).toEqual({
              name,
              got: Buffer.from(want),
            });
          }
        }
        expect(run.env.has("AWSMFA_GONE")).toBe(false);
        expect(run.env.has("AWSMFA_NEVER_SET")).toBe(false);
        expect(run.printed).toBe(TEXT.replace(/\n$/, ""));
      }, 60_000);
    }
  }
});
