/**
 * Records scripts/bytecode-order.txt, the order in which build.ts lays out the binary's
 * bytecode (`--bytecode-order`): the functions the cached paths run first (prompt, a cached
 * login, credential-process), then those a fresh login runs besides. Pages the run never
 * touches are never read in: the cached login's peak RSS is ~2 MiB lower, a fresh login's
 * ~2.5 MiB (docs/performance.md).
 *
 *   bun scripts/bytecode-order.ts               (after larger changes; a stale order still applies)
 *   bun scripts/bytecode-order.ts --out PATH    elsewhere (tests/scripts/bytecode-order.test.ts)
 *
 * AWSMFA_TEST_BINARY names a binary to record with instead of building one.
 *
 * Each path runs once with BUN_BYTECODE_ORDER_OUT, in the benchmark's world (the fake AWS on
 * 127.0.0.1, a HOME with ten profiles), with stdout into a pipe: on /dev/null (a character
 * device, as a terminal is) the lean tier leaves the run to the general tier, and the order
 * would be that tier's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsmfaBinary, removeTestBinary } from "../tests/support/binary.ts";
import { ProfileFiles, startFakeAwsProcess } from "./bench/world.ts";

const at = process.argv.indexOf("--out");
const OUT =
  at >= 0 && process.argv[at + 1]
    ? process.argv[at + 1]!
    : join(import.meta.dir, "bytecode-order.txt");

const work = mkdtempSync(join(tmpdir(), "awsmfa-order-"));
const aws = await startFakeAwsProcess();
try {
  const binary = await awsmfaBinary();
  const home = join(work, "home");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    AWS_ENDPOINT_URL: aws.url,
    LANG: "C.UTF-8",
  };
  const cached = await aws.addUser("order-cached");
  const fresh = await aws.addUser("order-fresh");
  new ProfileFiles(home, 10).write(cached, fresh);
  const run = (args: string[], extra: Record<string, string> = {}) => {
    const child = Bun.spawnSync([binary, ...args], {
      env: { ...env, ...extra },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    if (child.exitCode !== 0) throw new Error(`awsmfa ${args[0]}: ${child.stderr.toString()}`);
  };
  // The cached session the cached paths answer from.
  run(["cached", "--otp", await aws.code(cached.serial), "--format", "json"]);
  const expires = String(Math.floor(Date.now() / 1000) + 3600);
  const runs: [string, string[], Record<string, string>][] = [
    ["prompt", ["prompt"], { AWS_PROFILE: "cached", AWSMFA_EXPIRES: expires }],
    ["cached", ["cached"], {}],
    ["credential-process", ["credential-process", "cached"], {}],
    ["fresh", ["fresh", "--otp", await aws.code(fresh.serial)], {}],
  ];
  const orders = runs.map(([name, args, extra]) => {
    const file = join(work, `order-${name}`);
    run(args, { ...extra, BUN_BYTECODE_ORDER_OUT: file });
    return readFileSync(file, "utf8").split("\n");
  });
  // Each line once, where it first comes: the cached paths' functions stay at the front.
  const lines = [...new Set(orders.flat().filter((line) => line !== ""))];
  writeFileSync(OUT, `${lines.join("\n")}\n`);
  console.error(`wrote ${OUT}: ${lines.length} lines`);
} finally {
  aws.stop();
  removeTestBinary();
  rmSync(work, { recursive: true, force: true });
}
