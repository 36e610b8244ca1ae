/**
 * npm run bench: how fast the cached path is. Times the compiled binary doing a cached login
 * in eval mode (stdout captured, as `eval "$(awsmfa prod)"` does), N runs, and reports the
 * median; for scale, also `awsmfa --version` (bare start-up) and, when the AWS CLI v2 is
 * installed, `aws configure export-credentials` on the same profile.
 *   BENCH_RUNS=200 npm run bench
 * Target: a cached login under 15 ms median on the CI machines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsmfaBinary, removeTestBinary } from "../tests/support/binary.ts";
import { startFakeAws } from "../tests/support/fake-aws.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const CLI_RUNS = Math.max(5, Math.floor(RUNS / 10));
const AWS_CLI = ["/usr/bin/aws", "/usr/local/bin/aws"].find((path) => existsSync(path));

interface Stats {
  median: number;
  p90: number;
  min: number;
  mean: number;
}

function time(argv: string[], env: Record<string, string>, runs: number): Stats {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = Bun.spawnSync(argv, { env, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    const ms = performance.now() - started;
    if (result.exitCode !== 0) {
      throw new Error(`${argv.join(" ")} failed (${result.exitCode}): ${result.stderr.toString()}`);
    }
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return {
    median: at(0.5),
    p90: at(0.9),
    min: samples[0]!,
    mean: samples.reduce((a, b) => a + b, 0) / runs,
  };
}

function show(label: string, runs: number, s: Stats) {
  const f = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
  console.log(
    `${label.padEnd(44)} ${String(runs).padStart(4)} runs  median${f(s.median)}  p90${f(s.p90)}  min${f(s.min)}`,
  );
}

const binary = await awsmfaBinary();
const aws = await startFakeAws();
const user = aws.addUser({ name: "bench" });
const home = mkdtempSync(join(tmpdir(), "awsmfa-bench-"));
try {
  const credentials = join(home, ".aws", "credentials");
  await Bun.write(
    credentials,
    `[bench-long-term]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
  );
  await Bun.write(
    join(home, ".aws", "config"),
    `[profile bench]\nregion = eu-west-1\nmfa_serial = ${user.devices[0]!.serial}\n`,
  );
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    AWS_ENDPOINT_URL: aws.url,
    LANG: "C.UTF-8",
  };

  // One real login fills the cache (async: the fake AWS answers from this process).
  const first = Bun.spawn(
    [binary, "bench", "--otp", aws.code(user.devices[0]!.serial), "--format", "json"],
    {
      env,
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const session = JSON.parse(await new Response(first.stdout).text());
  if ((await first.exited) !== 0) throw new Error("the first login failed");

  console.log(`awsmfa ${binary}\n`);
  const version = time([binary, "--version"], env, RUNS);
  show("awsmfa --version (start-up only)", RUNS, version);
  const cached = time([binary, "bench"], env, RUNS);
  show("awsmfa bench (cached login, eval mode)", RUNS, cached);

  if (AWS_CLI) {
    // The same session, where the AWS CLI reads it: login wrote it into [bench] of the
    // credentials file (bench is the session side of bench-long-term).
    if (!readFileSync(credentials, "utf8").includes(session.AccessKeyId)) {
      throw new Error("the login did not write the session into [bench] of the credentials file");
    }
    const cli = time(
      [AWS_CLI, "configure", "export-credentials", "--profile", "bench", "--format", "env"],
      env,
      CLI_RUNS,
    );
    show("aws configure export-credentials --profile bench", CLI_RUNS, cli);
    console.log(
      `\ncached awsmfa login is ${(cli.median / cached.median).toFixed(0)}x faster than the AWS CLI reading the same profile`,
    );
  } else {
    console.log("\n(AWS CLI v2 not installed: no comparison)");
  }
  const verdict = cached.median < 15 ? "meets" : "MISSES";
  console.log(`median cached login ${cached.median.toFixed(1)} ms: ${verdict} the 15 ms target`);
} finally {
  await aws.stop();
  rmSync(home, { recursive: true, force: true });
  removeTestBinary();
}
