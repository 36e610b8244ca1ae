/**
 * `npm run demo` and `npm run bench` are how the README says to try and measure awsmfa, so
 * they must keep working as the product changes: each runs here, end to end, against the
 * test binary (AWSMFA_TEST_BINARY, so neither builds its own).
 */
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { scriptAvailable } from "../support/pty.ts";

const root = resolve(import.meta.dir, "..", "..");

async function runScript(name: string, env: Record<string, string> = {}) {
  const child = Bun.spawn([process.execPath, join(root, "scripts", name)], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      LANG: "C.UTF-8",
      AWSMFA_TEST_BINARY: await awsmfaBinary(),
      ...env,
    },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: 50_000,
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, output: stdout + stderr };
}

if (!scriptAvailable()) console.log("skipped: the demo needs util-linux `script` (a pty)");

test.skipIf(!scriptAvailable())("npm run demo: every step works, with one code", async () => {
  const r = await runScript("demo.ts");
  expect(r.code).toBe(0);
  expect(r.output).toContain("AWS_PROFILE=demo"); // the shell function, in bash
  expect(r.output).toMatch(/^ARN {6}arn:aws:iam::\d{12}:user\/alice$/m); // eval + whoami
  // Direct, --no-write: the note and the line to run (the pty ends lines with CRLF).
  expect(r.output).toMatch(
    /To apply the credentials, run:.*\r?\n {2}eval "\$\(awsmfa demo\)"\r?\n/,
  );
  expect(r.output).toContain("demo is ready: aws --profile demo"); // direct
  expect(r.output).toContain("AWS saw 1 GetSessionToken call(s)");
  expect(r.output).not.toMatch(/error|Traceback/i);
});

test("npm run bench: times the cached login and says how it compares", async () => {
  const r = await runScript("bench.ts", { BENCH_RUNS: "5" });
  expect(r.code).toBe(0);
  expect(r.output).toMatch(/awsmfa bench \(cached login, eval mode\) +5 runs +median +[\d.]+ ms/);
  expect(r.output).toMatch(/median cached login [\d.]+ ms: (meets|MISSES) the 15 ms target/);
  const cli = ["/usr/bin/aws", "/usr/local/bin/aws"].some((path) => existsSync(path));
  expect(r.output).toContain(
    cli ? "faster than the AWS CLI reading the same profile" : "AWS CLI v2 not installed",
  );
});
