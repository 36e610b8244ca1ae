/**
 * Direct mode tells the person the exact line to run to apply the session. That line is
 * pasted into a shell, so the profile name in it must be quoted for that shell, and it must
 * log in to that profile even when `awsmfa NAME` would mean something else (`awsmfa list`).
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { runInPty, scriptAvailable } from "../support/pty.ts";

const world = useLoginWorld();

if (!scriptAvailable()) console.log("skipped: util-linux `script` is not installed (no pty)");

/** Logs in directly (in a pty) and returns the line the note says to run. */
async function applyLineFor(login: LoginUser, shell: string): Promise<string> {
  const r = await runInPty(
    ["login", "--profile", login.profile, "--otp", login.code(), "--no-write"],
    { ...login.sandbox.env, SHELL: shell },
  );
  expect(r.code).toBe(0);
  const lines = r.output.split("\n");
  const at = lines.findIndex((line) => line.includes("To apply the credentials, run:"));
  expect(at).toBeGreaterThanOrEqual(0);
  return lines[at + 1]!.trim();
}

/** Runs `line` in a shell that finds awsmfa on PATH, in the sandbox; prints AWS_PROFILE. */
async function runPasted(login: LoginUser, shell: string, line: string): Promise<string> {
  const bin = join(login.sandbox.home, "bin");
  mkdirSync(bin, { recursive: true });
  if (!existsSync(join(bin, "awsmfa"))) symlinkSync(await awsmfaBinary(), join(bin, "awsmfa"));
  const show = 'printf "%s" "$AWS_PROFILE"';
  const args = shell === "fish" ? ["--no-config", "-c"] : ["--norc", "-c"];
  const child = Bun.spawn([shell, ...args, `${line}\n${show}`], {
    env: { ...login.sandbox.env, PATH: `${bin}:${login.sandbox.env.PATH}` },
    cwd: login.sandbox.home,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, out] = await Promise.all([child.exited, new Response(child.stdout).text()]);
  expect(code).toBe(0);
  return out;
}

describe.skipIf(!scriptAvailable())("the line direct mode says to run", () => {
  const hostile = "x'; touch PWNED; '$(touch PWNED2)`touch PWNED3` y";

  test("bash: a hostile profile name is quoted; pasted, it applies exactly that profile", async () => {
    const login = world.user({ profile: hostile, serial: false, region: null });
    const line = await applyLineFor(login, "/bin/bash");
    expect(line).toStartWith('eval "$(awsmfa ');
    expect(await runPasted(login, "bash", line)).toBe(hostile);
    for (const trap of ["PWNED", "PWNED2", "PWNED3"]) {
      expect(existsSync(join(login.sandbox.home, trap))).toBe(false);
    }
  });

  test.skipIf(Bun.which("fish") === null)("fish: the same, in fish quoting", async () => {
    const login = world.user({ profile: hostile, serial: false, region: null });
    const line = await applyLineFor(login, "/usr/bin/fish");
    expect(line).toEndWith("--format fish | source");
    expect(await runPasted(login, "fish", line)).toBe(hostile);
    for (const trap of ["PWNED", "PWNED2", "PWNED3"]) {
      expect(existsSync(join(login.sandbox.home, trap))).toBe(false);
    }
  });

  // Issue 11, item 14: `--format fish` must come before the `--` that guards a name like -rf.
  for (const [shell, path] of [
    ["fish", "/usr/bin/fish"],
    ["bash", "/bin/bash"],
  ] as const) {
    test.skipIf(Bun.which(shell) === null)(`${shell}: a profile named -rf applies`, async () => {
      const login = world.user({ profile: "-rf", serial: false, region: null });
      const line = await applyLineFor(login, path);
      expect(await runPasted(login, shell, line)).toBe("-rf");
    });
  }

  test("a profile named like a command is logged in to with `login NAME`", async () => {
    const login = world.user({ profile: "list" });
    const line = await applyLineFor(login, "/bin/bash");
    expect(line).toBe('eval "$(awsmfa login list)"');
    expect(await runPasted(login, "bash", line)).toBe("list");
  });

  test("a plain name keeps the short form", async () => {
    const login = world.user({ profile: "prod" });
    expect(await applyLineFor(login, "/bin/bash")).toBe('eval "$(awsmfa prod)"');
  });
});
