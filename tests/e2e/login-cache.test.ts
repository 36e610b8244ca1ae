/** Session reuse: the cached path answers with no prompt, no network and no AWS SDK. */
import { describe, expect, test } from "bun:test";
import { join, resolve } from "node:path";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
const root = resolve(import.meta.dir, "..", "..");

function callsBy(accessKeyId: string) {
  return world.aws.calls.filter((c) => c.accessKeyId === accessKeyId);
}

describe("session reuse", () => {
  test("a second login reuses the session: same keys, no call, no prompt", async () => {
    const { run, code, user } = world.user();
    const first = await run(["prod", "--otp", code()]);
    expect(first.code).toBe(0);
    const calls = callsBy(user.accessKeyId).length;
    // No code, no terminal: it can only succeed from the cache.
    const second = await run(["prod"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^Reusing session for prod, valid for 12h00m\n$/);
    expect(second.stdout).toBe(first.stdout);
    expect(callsBy(user.accessKeyId).length).toBe(calls);
  });

  test("--force gets a new session", async () => {
    const { run, code, user } = world.user();
    const first = await run(["prod", "--otp", code()]);
    world.aws.clockOffsetMs += 30_000; // the next TOTP window, so a fresh code exists
    try {
      const second = await run(["prod", "--otp", code(), "--force"]);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain("New session for prod");
      expect(second.stdout).not.toBe(first.stdout);
      expect(callsBy(user.accessKeyId).filter((c) => c.action === "GetSessionToken")).toHaveLength(
        2,
      );
    } finally {
      world.aws.clockOffsetMs -= 30_000;
    }
  });

  test("a session with less than --min-remaining left is not reused", async () => {
    const { run, code } = world.user();
    expect((await run(["prod", "--otp", code(), "--duration", "20m"])).code).toBe(0);
    const reused = await run(["prod", "--min-remaining", "5m"]);
    expect(reused.code).toBe(0);
    const refused = await run(["prod", "--min-remaining", "30m"]);
    expect(refused.code).toBe(7); // it would need a new code, and there is no terminal
  });

  test("the session is cached per long-term key and device: another profile with the same keys reuses it", async () => {
    const { run, code, sandbox, serial, user } = world.user();
    expect((await run(["prod", "--otp", code()])).code).toBe(0);
    sandbox.writeConfig(
      `[profile prod]\nmfa_serial = ${serial}\n[profile prod-copy]\nmfa_serial = ${serial}\nawsmfa_long_term_profile = prod-long-term\n`,
    );
    const calls = callsBy(user.accessKeyId).length;
    const r = await run(["prod-copy"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Reusing session for prod-copy");
    expect(callsBy(user.accessKeyId).length).toBe(calls);
  });

  test("a relative XDG_CACHE_HOME is ignored: no session lands in the current folder", async () => {
    const { run, code, sandbox } = world.user();
    const { mkdirSync, readdirSync } = await import("node:fs");
    const work = join(sandbox.home, "project");
    mkdirSync(work);
    const env = { XDG_CACHE_HOME: "cache" };
    expect((await run(["prod", "--otp", code(), "--no-write"], { cwd: work, env })).code).toBe(0);
    expect(readdirSync(work)).toEqual([]);
    expect(readdirSync(join(sandbox.home, ".cache", "awsmfa", "sessions"))).toHaveLength(1);
    const again = await run(["prod", "--no-write"], { cwd: work, env });
    expect(again.stderr).toContain("Reusing session for prod");
  });

  test("a damaged cache file is ignored (a new session is fetched)", async () => {
    const { run, code, sandbox } = world.user();
    // --no-write: else the session in ~/.aws/credentials would be reused instead.
    expect((await run(["prod", "--otp", code(), "--no-write"])).code).toBe(0);
    const { readdirSync, writeFileSync } = await import("node:fs");
    const dir = join(sandbox.home, ".cache", "awsmfa", "sessions");
    writeFileSync(join(dir, readdirSync(dir)[0]!), "{not json");
    world.aws.clockOffsetMs += 30_000;
    try {
      const r = await run(["prod", "--otp", code()]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("New session");
    } finally {
      world.aws.clockOffsetMs -= 30_000;
    }
  });

  // The session cache is written without fsync (config/cache-file-write.ts, durable: false): a
  // power cut may leave the file empty, zero-filled or cut short. Each must read as no session,
  // on the fast path and the full path alike (the same output as no file at all), and the
  // next login with a code must replace it with a whole record.
  const torn: [string, (record: string) => string][] = [
    ["empty", () => ""],
    ["zero-filled", (record) => "\0".repeat(record.length)],
    ["its first byte", (record) => record.slice(0, 1)],
    ["cut in half", (record) => record.slice(0, record.length >> 1)],
    ["without its closing brace", (record) => record.slice(0, record.lastIndexOf("}"))],
  ];
  test.each(torn)(
    "a torn cache file (%s) reads as no session; a login with a code replaces it",
    async (_, tear) => {
      const { run, code, sandbox } = world.user();
      const { readdirSync, readFileSync, rmSync, writeFileSync } = await import("node:fs");
      // --no-write: else the session in ~/.aws/credentials would be reused instead.
      expect((await run(["prod", "--otp", code(), "--no-write"])).code).toBe(0);
      const dir = join(sandbox.home, ".cache", "awsmfa", "sessions");
      const file = join(dir, readdirSync(dir).find((name) => name.endsWith(".json"))!);
      const record = readFileSync(file, "utf8");
      expect(JSON.parse(record).sessionToken).toBeString();
      // What a login without a code says when there is no cache file at all (exit 7: no terminal).
      rmSync(file);
      const none = await run(["prod", "--no-write"]);
      expect(none.code).toBe(7);
      writeFileSync(file, tear(record), { mode: 0o600 });
      const after = await run(["prod", "--no-write"]);
      expect({ code: after.code, stdout: after.stdout, stderr: after.stderr }).toEqual({
        code: none.code,
        stdout: none.stdout,
        stderr: none.stderr,
      });
      world.aws.clockOffsetMs += 30_000; // the next TOTP window: a code not used yet
      try {
        const fresh = await run(["prod", "--otp", code(), "--no-write"]);
        expect(fresh.code).toBe(0);
        expect(fresh.stderr).toContain("New session for prod");
        expect(JSON.parse(readFileSync(file, "utf8")).sessionToken).toBeString();
        const reused = await run(["prod", "--no-write"]);
        expect(reused.code).toBe(0);
        expect(reused.stderr).toContain("Reusing session for prod");
        expect(reused.stdout).toBe(fresh.stdout);
      } finally {
        world.aws.clockOffsetMs -= 30_000;
      }
    },
  );

  test("the cached path never loads the AWS SDK", async () => {
    const { run, code, sandbox } = world.user();
    expect((await run(["prod", "--otp", code()])).code).toBe(0);
    // Run from source with a loader that makes any @aws-sdk import fail loudly.
    const child = Bun.spawn(
      [
        process.execPath,
        "--preload",
        join(root, "tests/support/forbid-aws-sdk.ts"),
        join(root, "src/main.ts"),
        "prod",
      ],
      { env: sandbox.env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
    );
    const [status, out, err] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    expect(err).toContain("Reusing session for prod");
    expect(status).toBe(0);
    expect(out).toContain("AWS_SESSION_TOKEN");
    // And the guard works: a path that needs AWS does fail under it.
    const guarded = Bun.spawn(
      [
        process.execPath,
        "--preload",
        join(root, "tests/support/forbid-aws-sdk.ts"),
        join(root, "src/main.ts"),
        "whoami",
        "--profile",
        "prod-long-term",
      ],
      { env: sandbox.env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
    );
    expect(await guarded.exited).not.toBe(0);
    expect(await new Response(guarded.stderr).text()).toContain("AWS SDK loaded");
  });

  test("neither a login nor shell-init loads a shell's completion or prompt hook", async () => {
    const { run, code, sandbox } = world.user();
    expect((await run(["prod", "--otp", code()])).code).toBe(0);
    const fromSource = async (args: string[], env: Record<string, string>) => {
      const child = Bun.spawn(
        [
          process.execPath,
          "--preload",
          join(root, "tests/support/forbid-shell-extras.ts"),
          join(root, "src/main.ts"),
          ...args,
        ],
        { env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
      );
      const [status, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
      return { status, stderr };
    };
    for (const shell of ["bash", "zsh", "fish", "powershell"]) {
      const cached = await fromSource(["prod"], { ...sandbox.env, AWSMFA_SHELL: shell });
      expect(cached.stderr).toContain("Reusing session for prod");
      expect(cached.status).toBe(0);
    }
    // shell-init prints them as rendered ahead of time (src/shell/built-extras.ts).
    for (const shell of ["bash", "zsh", "fish", "powershell"]) {
      const init = await fromSource(["shell-init", shell], sandbox.env);
      expect(init.stderr).toBe("");
      expect(init.status).toBe(0);
    }
    // And the guard works: rendering them loads them.
    const render = Bun.spawn(
      [
        process.execPath,
        "--preload",
        join(root, "tests/support/forbid-shell-extras.ts"),
        "-e",
        `await (await import(${JSON.stringify(join(root, "src/shell/index.ts"))})).shellSyntax("bash").extras();`,
      ],
      { env: sandbox.env, stdout: "pipe", stderr: "pipe", stdin: "ignore" },
    );
    expect(await render.exited).not.toBe(0);
    expect(await new Response(render.stderr).text()).toContain("shell extras loaded");
  });
});
