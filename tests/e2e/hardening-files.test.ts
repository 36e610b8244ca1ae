/**
 * Issue 11, items 4, 5 and 12: a FIFO, a device, a symlink loop where an AWS file should be,
 * and a dangling link or FIFO at credentials.lock: every command ends at once with exit 3 and
 * one clear message; none hangs, none spins, none says "This is a bug".
 */
import { describe, expect, test } from "bun:test";
import { rmSync, symlinkSync } from "node:fs";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

function mkfifo(path: string): void {
  rmSync(path, { force: true });
  const made = Bun.spawnSync(["mkfifo", path]);
  if (made.exitCode !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

describe("an AWS file that is no regular file", () => {
  const cases: [string, (path: string) => void, string][] = [
    ["a FIFO", mkfifo, "is a named pipe (FIFO), not a regular file"],
    [
      "a symlink loop",
      (path) => {
        rmSync(path, { force: true });
        symlinkSync(path, path);
      },
      "too many symbolic links",
    ],
    [
      "a link to /dev/zero",
      (path) => {
        rmSync(path, { force: true });
        symlinkSync("/dev/zero", path);
      },
      "is a device, not a regular file",
    ],
  ];
  for (const [label, make, said] of cases) {
    for (const file of ["credentials", "config"] as const) {
      test(`${label} as the ${file} file: _profiles, login, list, whoami exit 3 at once`, async () => {
        const u = world.user();
        const path = file === "config" ? u.sandbox.configPath : u.sandbox.credentialsPath;
        make(path);
        for (const args of [
          ["_profiles"],
          ["login", u.profile, "--otp", u.code(), "--format", "sh"],
          ["list"],
          ["whoami", "--profile", u.profile],
          ["status", u.profile],
        ]) {
          const r = await u.run(args, { timeoutMs: 10_000 });
          expect(r.stderr).not.toContain("This is a bug");
          if (args[0] !== "_profiles") expect(r.stderr).toContain(said);
          expect(r.code).toBe(3);
          expect(r.ms).toBeLessThan(5000);
        }
      });
    }
  }
});

describe("something planted at credentials.lock", () => {
  for (const [label, make] of [
    ["a dangling symlink", (p: string) => symlinkSync("/nonexistent/awsmfa-lock-target", p)],
    ["a FIFO", mkfifo],
  ] as const) {
    test(`${label}: login --write ends with exit 3 and says what to remove`, async () => {
      const u = world.user();
      const lock = `${u.sandbox.credentialsPath}.lock`;
      make(lock);
      const before = u.sandbox.readCredentials();
      const r = await u.run(["login", u.profile, "--otp", u.code()], {
        timeoutMs: 20_000,
      });
      expect(r.stderr).toContain(`${lock} is`);
      expect(r.stderr).toContain("not a regular file");
      expect(r.code).toBe(3);
      expect(r.ms).toBeLessThan(8000);
      expect(u.sandbox.readCredentials()).toBe(before);
    });
  }
});

// Issue 11 item 12, other cases of "a user's path ends in This is a bug": a name too long for
// the file system, an input/output error, a UNIX socket (open gives ENXIO).
describe("paths the file system refuses", () => {
  const long = `/tmp/${"a".repeat(300)}/x`;
  const cases: [string, Record<string, string>, string][] = [
    ["a credentials path too long", { AWS_SHARED_CREDENTIALS_FILE: long }, "is too long"],
    ["a config path too long", { AWS_CONFIG_FILE: long }, "is too long"],
    ["a cache folder path too long", { AWSMFA_CACHE_DIR: long }, "is too long"],
    ["a config file that gives EIO", { AWS_CONFIG_FILE: "/proc/self/mem" }, "input/output error"],
  ];
  for (const [label, vars, said] of cases) {
    test(`${label}: exit 3 with a message`, async () => {
      const u = world.user();
      const env = { ...u.sandbox.env, ...vars };
      for (const args of [
        ["login", u.profile, "--otp", u.code(), "--format", "sh"],
        ["credential-process", u.profile, "--otp", u.code()],
        ["list"],
      ]) {
        if (vars.AWSMFA_CACHE_DIR && args[0] === "list") continue;
        const r = await u.run(args, { env, timeoutMs: 10_000 });
        expect(r.stderr).not.toContain("This is a bug");
        expect(r.stderr).toContain(said);
        expect(r.code).toBe(3);
      }
    });
  }

  test("a UNIX socket as the credentials file: exit 3, not a regular file", async () => {
    const u = world.user();
    const path = u.sandbox.credentialsPath;
    rmSync(path);
    const made = Bun.spawnSync([
      "python3",
      "-c",
      "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])",
      path,
    ]);
    expect(made.exitCode).toBe(0);
    for (const args of [["login", u.profile, "--otp", u.code(), "--format", "sh"], ["list"]]) {
      const r = await u.run(args, { timeoutMs: 10_000 });
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.stderr).toContain("not a regular file");
      expect(r.code).toBe(3);
    }
  });
});
