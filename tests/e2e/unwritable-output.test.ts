/**
 * Output that cannot be written: stdout closed (`>&-`), a full device (/dev/full, ENOSPC) or
 * a file on a full disk. The credentials or shell code never reach whoever asked, so the run
 * must not end with 0: exit 1, one clear line on stderr, no bug report, the user's files as
 * they were. Checked with the compiled binary in a real bash, on each way a run can take:
 * the lean tier (a pipe or a file), the fast path's general tier (/dev/full, a closed stdout),
 * the full CLI (a fresh login, every other command) and the prompt. stdout sent to /dev/null
 * on purpose, and a stderr that cannot be written, are no failure.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { canMountTmpfs, mountSmallDisk } from "../fs/support/full-disk.ts";
import { awsmfaBinary, fullPathBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

interface Shelled {
  code: number;
  stderr: string;
  stdout: string;
}

/**
 * Runs a binary from bash with `redirect` applied to it, e.g. `>&-` or `>/dev/full`: the
 * product (fast path first), or with `full` the one built --no-fast-path (the full CLI only).
 */
async function shelled(
  args: readonly string[],
  redirect: string,
  env: Record<string, string>,
  full = false,
): Promise<Shelled> {
  const binary = full ? await fullPathBinary() : await awsmfaBinary();
  const child = Bun.spawn(["bash", "-c", `"$@" ${redirect}`, "bash", binary, ...args], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}

const CLOSED = /^awsmfa: Could not write the output: standard output is closed\.$/m;
const FULL = /^awsmfa: Could not write the output: the disk it goes to is full\.$/m;

function expectFailed(r: Shelled, message: RegExp) {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toContain("unexpected error");
  expect(r.stderr).not.toContain("This is a bug");
  expect(r.code).toBe(1);
}

/** A user with a cached session for prod, and the bytes of their AWS files. */
async function loggedIn() {
  const user = world.user();
  const first = await user.run(["prod", "--otp", user.code()]);
  expect(first.code).toBe(0);
  const files = () => ({
    credentials: readFileSync(user.sandbox.credentialsPath, "utf8"),
    config: readFileSync(join(user.sandbox.home, ".aws", "config"), "utf8"),
  });
  return { user, env: { ...user.sandbox.env, NO_COLOR: "1" }, before: files(), files };
}

describe("stdout that cannot be written fails the run", () => {
  const CACHED: [string, string[], boolean][] = [];
  for (const full of [false, true]) {
    const way = full ? "the full CLI" : "fast path first";
    CACHED.push(
      [`cached login (eval lines), ${way}`, ["prod"], full],
      [`cached login --format json, ${way}`, ["prod", "--format", "json"], full],
      [`credential-process, ${way}`, ["credential-process", "prod"], full],
    );
  }
  test.each(CACHED)(
    "%s: closed stdout and /dev/full: exit 1, the files as they were",
    async (_n, args, full) => {
      const { env, before, files } = await loggedIn();
      expectFailed(await shelled(args, ">&-", env, full), CLOSED);
      expectFailed(await shelled(args, ">/dev/full", env, full), FULL);
      expect(files()).toEqual(before);
      // On purpose to /dev/null, and with stderr unwritable, the run succeeds as before.
      expect((await shelled(args, ">/dev/null", env, full)).code).toBe(0);
      const quiet = await shelled(args, "2>/dev/full", env, full);
      expect(quiet.code).toBe(0);
      expect(quiet.stdout).toContain("ASIA");
    },
  );

  test("other commands that print on stdout: closed and full both exit 1", async () => {
    const { env } = await loggedIn();
    const commands = [
      ["--version"],
      ["list"],
      ["status", "prod"],
      ["unset"],
      ["shell-init", "bash"],
      ["_profiles"],
    ];
    for (const args of commands) {
      expectFailed(await shelled(args, ">&-", env), CLOSED);
      expectFailed(await shelled(args, ">/dev/full", env), FULL);
    }
  });

  test("prompt: a full device is a failure, /dev/null is not", async () => {
    const { env } = await loggedIn();
    const session = {
      ...env,
      AWS_PROFILE: "prod",
      AWSMFA_EXPIRES: String(Math.floor(Date.now() / 1000) + 3600),
    };
    expectFailed(await shelled(["prompt"], ">/dev/full", session), FULL);
    expect((await shelled(["prompt"], ">/dev/null", session)).code).toBe(0);
  });

  test("a fresh login with stdout closed: exit 1; the session is saved for the next run", async () => {
    const user = world.user();
    const env = { ...user.sandbox.env, NO_COLOR: "1" };
    const r = await shelled(["prod", "--otp", user.code()], ">&-", env);
    expectFailed(r, CLOSED);
    // The login itself worked: run again with stdout open, the session comes back without a code.
    const again = await shelled(["prod"], "", env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Reusing session for prod");
  });
});

describe.skipIf(!canMountTmpfs)("into a file on a full disk (the lean tier)", () => {
  if (!canMountTmpfs) console.log("SKIPPED LOUDLY: mounting a tmpfs needs root on Linux");

  test("cached login and credential-process: exit 1, a clear message", async () => {
    const { env, before, files } = await loggedIn();
    const disk = mountSmallDisk();
    try {
      disk.fill();
      for (const args of [["prod"], ["credential-process", "prod"]]) {
        expectFailed(await shelled(args, `>'${join(disk.dir, "out")}'`, env), FULL);
      }
    } finally {
      disk.unmount();
    }
    expect(files()).toEqual(before);
  });
});
