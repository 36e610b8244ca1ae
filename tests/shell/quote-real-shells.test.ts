/**
 * Generated exports and unsets, evaluated by the real shells: every value must come back
 * byte for byte in the environment of a child process, and no hidden command may run.
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { renderExports, renderUnsets } from "../../src/shell/index.ts";
import { parseEnvDump, type RealShell, realShells, runShellFile } from "../support/real-shells.ts";
import { hostileValues, shellString } from "./hostile-values.ts";

interface Outcome {
  env: Map<string, string>;
  stderr: string;
  code: number | null;
  /** Files created by commands that should never have run. */
  pwned: string[];
}

/** Writes `body(trap, dump)` as a script, runs it in `shell`, returns what it left behind. */
async function evaluate(
  shell: RealShell,
  body: (trap: string, dumpFile: string) => string,
): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), "awsmfa-quote-"));
  try {
    const trap = join(dir, "trap");
    await Bun.write(join(trap, ".keep"), "");
    const dumpFile = join(dir, "env.dump");
    const script = join(dir, "script");
    await writeFile(script, `${shell.prelude}\n${body(trap, dumpFile)}`);
    const env = { PATH: "/usr/bin:/bin", HOME: dir, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };
    const result = await runShellFile(shell, script, env, trap);
    const dump = existsSync(dumpFile) ? await readFile(dumpFile) : Buffer.alloc(0);
    const pwned = (await readdir(trap)).filter((name) => name !== ".keep");
    return { env: parseEnvDump(dump), stderr: result.stderr, code: result.code, pwned };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const named = (values: readonly string[]) =>
  values.map((value, i) => [`AWSMFA_T${i}`, value] as const);

async function expectRoundTrip(shell: RealShell, values: (trap: string) => string[]) {
  let expected: (readonly [string, string])[] = [];
  const outcome = await evaluate(shell, (trap, dump) => {
    expected = named(values(trap));
    return `${renderExports(shell.format, expected)}${shell.dumpEnv(dump)}\n`;
  });
  expect(outcome.stderr).toBe("");
  expect(outcome.code).toBe(0);
  expect(outcome.pwned).toEqual([]);
  for (const [name, value] of expected) {
    // Compare as byte arrays so a difference shows where the bytes differ.
    const got = outcome.env.get(name);
    if (got !== value) {
      expect({ name, got: got && Buffer.from(got) }).toEqual({ name, got: Buffer.from(value) });
    }
  }
}

const tmpPwned = "/tmp/pwned";
const tmpPwnedBefore = existsSync(tmpPwned);

for (const shell of realShells()) {
  describe(`exports evaluated by ${shell.label}`, () => {
    if (shell.path === null) {
      console.log(`skipping ${shell.label} quoting tests: ${shell.label} is not installed`);
    }

    test.skipIf(shell.path === null)("hostile values come back byte for byte", async () => {
      await expectRoundTrip(shell, hostileValues);
      if (!tmpPwnedBefore) expect(existsSync(tmpPwned)).toBe(false);
    });

    test.skipIf(shell.path === null)("random values come back byte for byte", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(shellString, { minLength: 100, maxLength: 200 }), (values) =>
          expectRoundTrip(shell, () => values),
        ),
        { numRuns: 6 },
      );
    });

    test.skipIf(shell.path === null)(
      "unsets remove set variables and ignore unset ones",
      async () => {
        const outcome = await evaluate(
          shell,
          (_trap, dump) =>
            renderExports(shell.format, [
              ["AWSMFA_KEEP", "kept"],
              ["AWSMFA_GONE", "-e"],
            ]) +
            renderUnsets(shell.format, ["AWSMFA_GONE", "AWSMFA_NEVER_SET"]) +
            `${shell.dumpEnv(dump)}\n` +
            // The unsets are the last lines `awsmfa unset` prints: they must succeed.
            renderUnsets(shell.format, ["AWSMFA_NEVER_SET"]),
        );
        expect(outcome.stderr).toBe("");
        expect(outcome.code).toBe(0);
        expect(outcome.env.get("AWSMFA_KEEP")).toBe("kept");
        expect(outcome.env.has("AWSMFA_GONE")).toBe(false);
        expect(outcome.env.has("AWSMFA_NEVER_SET")).toBe(false);
      },
    );
  });
}
