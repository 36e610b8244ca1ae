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
