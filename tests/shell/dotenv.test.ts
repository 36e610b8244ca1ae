/**
 * dotenv output read back by the readers people use: the `dotenv` npm package (both of its
 * parsers) and python-dotenv (when installed). Every value awsmfa agrees to write must come
 * back exactly; values with no common spelling are refused.
 */
import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dotenv from "dotenv";
import fc from "fast-check";
import { dotenvLine, dotenvValue, renderExports } from "../../src/shell/index.ts";
import { hostileValues, shellString } from "./hostile-values.ts";

const PYTHON_READER = `
import json, sys
from dotenv import dotenv_values
sys.stdout.write(json.dumps(dotenv_values(sys.argv[1], encoding="utf-8")))
`;

function pythonDotenvAvailable(): boolean {
  const probe = spawnSync("python3", ["-c", "import dotenv"], { stdio: "ignore" });
  return probe.status === 0;
}
const hasPython = pythonDotenvAvailable();
if (!hasPython) console.log("skipping python-dotenv checks: python3 with python-dotenv is absent");

async function readWithPython(text: string): Promise<Record<string, string | null>> {
  const dir = await mkdtemp(join(tmpdir(), "awsmfa-dotenv-"));
  try {
    const file = join(dir, ".env");
    await writeFile(file, text);
    const proc = Bun.spawn(["python3", "-c", PYTHON_READER, file], { stderr: "pipe" });
    const [out, err, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    if (code !== 0) throw new Error(`python-dotenv failed: ${err}`);
    return JSON.parse(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The values dotenv can carry, named, and the file that carries them. */
function fileFor(values: readonly string[]) {
  const vars = values
    .filter((value) => dotenvValue(value) !== undefined)
    .map((value, i) => [`AWSMFA_T${i}`, value] as const);
  return { vars, text: renderExports("dotenv", vars), expected: Object.fromEntries(vars) };
}

async function expectReadBack(values: readonly string[]) {
  const { text, expected } = fileFor(values);
  expect(dotenv.parse(text)).toEqual(expected);
  expect(dotenv.parse(text, { fast: true })).toEqual(expected);
  if (hasPython) expect(await readWithPython(text)).toEqual(expected);
}

describe("dotenv", () => {
  test("AWS credentials, regions and times are written bare", () => {
    expect(
      renderExports("dotenv", [
        ["AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE"],
        ["AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
        ["AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjE+/AbC=="],
        ["AWS_REGION", "eu-west-1"],
        ["AWS_CREDENTIAL_EXPIRATION", "2026-01-02T03:04:05Z"],
        ["EMPTY", ""],
      ]),
    ).toBe(
      [
        "AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/AbC==",
        "AWS_REGION=eu-west-1",
        "AWS_CREDENTIAL_EXPIRATION=2026-01-02T03:04:05Z",
        "EMPTY=",
        "",
      ].join("\n"),
    );
  });

  test.each([
    ["has spaces", "'has spaces'"],
    ["a#b", "'a#b'"],
    ["$HOME ${HOME", "'$HOME ${HOME'"],
    ["two\nlines", "'two\nlines'"],
    ["C:\\Users\\me", "'C:\\Users\\me'"],
    ["it's", `"it's"`],
    ["cr\r\nlf", `"cr\\r\\nlf"`],
  ])("%j is written as %s", (value, written) => {
    expect(dotenvValue(value)).toBe(written);
  });

  test.each([
    `it's "quoted"`,
    "it's C:\\path",
    "\\\\server",
    "ends with\\",
    `\${HOME}`,
    `\${HOME:-/root}`,
    "line\u2028separator",
  ])("%j has no spelling every reader agrees on, so it is refused", (value) => {
    expect(dotenvValue(value)).toBeUndefined();
    expect(() => dotenvLine("SECRET", value)).toThrow(/SECRET cannot be written/);
    expect(() => dotenvLine("SECRET", value)).not.toThrow(value);
  });

  test("hostile values that are accepted read back exactly", async () => {
    const values = hostileValues("/nonexistent");
    expect(fileFor(values).vars.length).toBeGreaterThan(values.length * 0.8);
    await expectReadBack(values);
  });

  test("random accepted values read back exactly", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(shellString, { minLength: 100, maxLength: 200 }), expectReadBack),
      { numRuns: 5 },
    );
  });

  test("variable names are checked", () => {
    expect(() => dotenvLine("1BAD", "x")).toThrow(/variable name/);
    expect(() => dotenvLine("A B", "x")).toThrow(/variable name/);
  });
});
