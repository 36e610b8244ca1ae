/**
 * `npm run demo` and `npm run bench` are how the README says to try and measure awsmfa, so
 * they must keep working as the product changes: each runs here, end to end, against the
 * test binary (AWSMFA_TEST_BINARY, so neither builds its own).
 */
import { expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { scriptAvailable } from "../support/pty.ts";

const root = resolve(import.meta.dir, "..", "..");

async function runScript(name: string, env: Record<string, string> = {}, args: string[] = []) {
  const child = Bun.spawn([process.execPath, join(root, "scripts", name), ...args], {
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

test("npm run bench: every path against the floor, the AWS CLI, scaling, and JSON", async () => {
  const folder = mkdtempSync(join(tmpdir(), "bench-test-"));
  try {
    const json = join(folder, "bench.json");
    const r = await runScript("bench.ts", { BENCH_RUNS: "3" }, ["--scale", "10", "--json", json]);
    expect(r.code).toBe(0);
    const row = (label: string) =>
      new RegExp(
        `^\\| ${label} \\| 3 \\| [\\d.]+ ms \\| [\\d.]+-[\\d.]+ \\| [\\d.]+x \\| [\\d.]+ ms \\| [\\d.]+ MiB \\|$`,
        "m",
      );
    for (const label of [
      "hello world \\(the floor\\)",
      "hello world built like awsmfa \\(no \\.env/bunfig look\\)",
      "awsmfa PROFILE \\(cached, eval mode\\)",
      "awsmfa credential-process \\(cached\\)",
      "awsmfa prompt",
      "awsmfa --help",
      "awsmfa shell-init bash",
      "awsmfa list",
      "awsmfa PROFILE --otp CODE \\(fresh login\\)",
    ]) {
      expect(r.output).toMatch(row(label));
    }
    expect(r.output).toMatch(
      /^cached: [\d.]+x the floor \([\d.]+x the hello world built like awsmfa\), [\d.]+ MiB: (meets|MISSES) the goal/m,
    );
    const cli = existsSync("/usr/bin/aws");
    expect(r.output).toContain(
      cli ? "faster than the AWS CLI reading the same cached profile" : "AWS CLI v2 not installed",
    );
    expect(r.output).toMatch(/^\| 10 \| [\d.]+ ms \([\d.]+ MiB\) \| /m);
    // the last column: list's own floor (bench/list-floor.ts)
    expect(r.output).toMatch(/^\| 10 \| .* \| [\d.]+ ms \([\d.]+ MiB\) \|$/m);
    const record = JSON.parse(readFileSync(json, "utf8"));
    const ids = record.results.map((x: { id: string }) => x.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "floor",
        "floor-like-awsmfa",
        "cached",
        "credential-process",
        "fresh",
      ]),
    );
    expect(record.ratiosToFloorLikeAwsmfa.cached).toBeGreaterThan(0);
    expect(record.results[0].median).toBeGreaterThan(0);
    expect(record.scale[0].profiles).toBe(10);
    expect(record.scale[0].fresh.runs).toBe(3);
    expect(record.scale[0].listFloor.runs).toBe(3);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
