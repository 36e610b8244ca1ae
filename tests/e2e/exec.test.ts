/**
 * awsmfa exec PROFILE -- COMMAND: the session in the program's environment, its exit status
 * and signals passed through, nesting refused, and a prompt that leaves the terminal to the
 * program afterwards.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { addRoleProfiles } from "../support/role-world.ts";
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
if (!tmuxAvailable()) console.log("skipped: tmux is not installed, so the Ctrl-C tests cannot run");
// Without a terminal of its own, awsmfa is in no terminal's foreground and passes SIGINT on.
const SETSID = Bun.which("setsid");
if (!SETSID) console.log("skipped: setsid is not installed, so the kill tests cannot run");

let session: ShellSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

function envOf(stdout: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of stdout.split("\0")) {
    const at = entry.indexOf("=");
    if (at > 0) vars[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return vars;
}

describe("exec: the environment", () => {
  test("the program gets the variables of a login, AWSMFA_EXEC, and the caller's own", async () => {
    const login = world.user();
    const r = await login.run(["exec", "prod", "--otp", login.code(), "--", "env", "-0"], {
      env: { ...login.sandbox.env, MY_SETTING: "kept", AWS_SECURITY_TOKEN: "stale" },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("New session for prod");
    const env = envOf(r.stdout);
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(env.AWS_SESSION_TOKEN).toBeTruthy();
    expect(env.AWS_CREDENTIAL_EXPIRATION).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(env.AWSMFA_EXPIRES) * 1000).toBe(Date.parse(env.AWS_CREDENTIAL_EXPIRATION!));
    expect(env.AWS_PROFILE).toBe("prod");
    expect(env.AWS_REGION).toBe("eu-west-1");
    expect(env.AWS_DEFAULT_REGION).toBe("eu-west-1");
    expect(env.AWSMFA_EXEC).toBe("prod");
    expect(env.MY_SETTING).toBe("kept");
    expect(env.AWS_SECURITY_TOKEN).toBeUndefined();
  });

  test("variables named like JavaScript's object members reach the program as they were", async () => {
    const login = world.user();
    // __proto__, constructor, toString, hasOwnProperty, valueOf...: each a variable of its own.
    const names = Object.getOwnPropertyNames(Object.prototype);
    const special: [string, string][] = names.map((name, i) => [name, `value ${i} of ${name}`]);
    // Static keys, then (cached, no code) the credential endpoint: both copy the environment.
    for (const args of [["--otp", login.code()], ["--server"]]) {
      const r = await login.run(["exec", ...args, "prod", "--", "env", "-0"], {
        env: { ...login.sandbox.env, ...Object.fromEntries(special) },
      });
      expect(r.code).toBe(0);
      // A Map: an object would itself drop __proto__.
      const env = new Map(
        r.stdout
          .split("\0")
          .filter((entry) => entry.includes("="))
          .map((entry) => [
            entry.slice(0, entry.indexOf("=")),
            entry.slice(entry.indexOf("=") + 1),
          ]),
      );
      expect(special.map(([name]) => [name, env.get(name)])).toEqual(special);
    }
  });

  test("the session works in the program: awsmfa whoami run by exec is the user", async () => {
    const login = world.user();
    const binary = await awsmfaBinary();
    const r = await login.run(["exec", "prod", "--otp", login.code(), "--", binary, "whoami"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ARN      ${login.user.arn}`);
    expect(r.stderr).toContain("(credentials from the AWS_* variables of this shell)");
  });

  test("a role profile: the program runs as the role; cached afterwards, awsmfa says nothing", async () => {
    const login = world.user();
    addRoleProfiles(world.aws, login, [{ profile: "prod-admin" }]);
    const binary = await awsmfaBinary();
    const first = await login.run(["exec", "prod-admin", "--otp", login.code(), "--", "true"]);
    expect(first.code).toBe(0);
    const r = await login.run(["exec", "prod-admin", "--", binary, "whoami", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).Arn).toContain(`:assumed-role/prod-admin-${login.user.name}/`);
  });

  test("stdin reaches the program; --otp - takes only its first line", async () => {
    const login = world.user();
    const r = await login.run(["exec", "prod", "--otp", "-", "--", "cat"], {
      stdin: `${login.code()}\nfor the program\nand more\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("for the program\nand more\n");
  });
});

describe("exec: exit status", () => {
  test.each([
    ["exit 0", 0],
    ["exit 3", 3],
    ["exit 255", 255],
    ["kill -TERM $$", 143],
    ["kill -KILL $$", 137],
    ["kill -INT $$", 130],
  ])("`%s` in the program: awsmfa exits %d", async (script, status) => {
    const login = world.user();
    await login.run(["prod", "--otp", login.code()]);
    const r = await login.run(["exec", "prod", "--", "sh", "-c", script]);
    expect(r.code).toBe(status);
  });

  test("no such command: 127; not executable: 126; both say why", async () => {
    const login = world.user();
    await login.run(["prod", "--otp", login.code()]);
    const missing = await login.run(["exec", "prod", "--", "no-such-command-here"]);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('Cannot run "no-such-command-here": no such command.');
    const script = login.sandbox.file("not-executable.sh", "echo hi\n", 0o644);
    chmodSync(script, 0o644);
    const denied = await login.run(["exec", "prod", "--", script]);
    expect(denied.code).toBe(126);
    expect(denied.stderr).toContain("is not an executable program");
    expect(denied.stderr).toContain("chmod +x");
    // Marked executable, but no program: a script without #! (shells run it; exec cannot).
    const noShebang = login.sandbox.file("no-shebang.sh", "echo hi\n", 0o755);
    chmodSync(noShebang, 0o755);
    const noProgram = await login.run(["exec", "prod", "--", noShebang]);
    expect(noProgram.code).toBe(126);
    expect(noProgram.stderr).toContain("is not an executable program");
    expect(noProgram.stderr).toContain("#!/bin/sh");
  });

  test("awsmfa's own failures keep their codes (no code, no terminal: 7)", async () => {
    const login = world.user();
    const r = await login.run(["exec", "prod", "--", "true"]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("needs an MFA code for prod");
  });
});

describe("exec: the command line", () => {
  test("nesting is refused (exit 2), unless --force", async () => {
    const login = world.user();
    await login.run(["prod", "--otp", login.code()]);
    const env = { ...login.sandbox.env, AWSMFA_EXEC: "dev" };
    const nested = await login.run(["exec", "prod", "--", "true"], { env });
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain("Already inside `awsmfa exec dev` (AWSMFA_EXEC=dev)");
    expect(nested.stderr).toContain("--force");
    const forced = await login.run(["exec", "--force", "prod", "--", "printenv", "AWSMFA_EXEC"], {
      env,
    });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe("prod\n");
  });

  test("nesting for real: exec inside exec", async () => {
    const login = world.user();
    const binary = await awsmfaBinary();
    await login.run(["prod", "--otp", login.code()]);
    const r = await login.run(["exec", "prod", "--", binary, "exec", "prod", "--", "true"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Already inside `awsmfa exec prod`");
  });

  test("-- is required before the command, so its options are never taken as awsmfa's", async () => {
    const login = world.user();
    const r = await login.run(["exec", "prod", "aws", "s3", "ls"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Put -- between the profile and the command.");
    expect(r.stderr).toContain("awsmfa exec prod -- aws s3 ls");
    const none = await login.run(["exec", "prod", "--"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Name the command after --.");
  });

  test("no command: $SHELL with the session, and how to leave it", async () => {
    const login = world.user();
    await login.run(["prod", "--otp", login.code()]);
    const r = await login.run(["exec", "prod"], {
      env: { ...login.sandbox.env, SHELL: "/bin/sh" },
      stdin: 'echo "in:$AWSMFA_EXEC:$(printf %.4s "$AWS_ACCESS_KEY_ID")"\nexit 3\n',
    });
    expect(r.stdout).toBe("in:prod:ASIA\n");
    expect(r.stderr).toContain(
      "Starting /bin/sh with the session of prod. Type `exit` to leave it",
    );
    expect(r.code).toBe(3);
  });
});

describe("exec: signals", () => {
  /** Starts exec with no terminal; resolves once the program printed "ready". */
  async function started(trap: string) {
    const login = world.user();
    await login.run(["prod", "--otp", login.code()]);
    const binary = await awsmfaBinary();
    const script = `${trap}; echo ready; while :; do sleep 0.05; done`;
    const child = Bun.spawn([SETSID!, binary, "exec", "prod", "--", "sh", "-c", script], {
      env: login.sandbox.env,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const reader = child.stdout.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("ready\n");
    return child;
  }

  test.skipIf(!SETSID).each([
    ["SIGTERM", 42],
    ["SIGINT", 43],
    ["SIGHUP", 44],
    // Not only the three a terminal sends: any signal that would end awsmfa alone would leave
    // the program running, orphaned, without the signal, while the caller sees exec finish.
    ["SIGQUIT", 45],
    ["SIGUSR1", 46],
    ["SIGUSR2", 47],
    ["SIGALRM", 48],
  ] as const)(
    "%s sent to awsmfa reaches the program; its exit status comes back",
    async (signal, status) => {
      const child = await started(`trap 'exit ${status}' ${signal.slice(3)}`);
      child.kill(signal);
      expect(await child.exited).toBe(status);
    },
  );

  test.skipIf(!tmuxAvailable())(
    "Ctrl-C in a terminal reaches the program once (not twice) and awsmfa waits for it",
    async () => {
      const login = world.user();
      await login.run(["prod", "--otp", login.code()]);
      const binary = await awsmfaBinary();
      session = await startShell("bash", { home: login.sandbox.home, env: login.sandbox.env });
      // A JS program counts every SIGINT it receives (a shell's trap would merge two into one).
      const counter = login.sandbox.file(
        "count-sigint.js",
        'let n = 0; process.on("SIGINT", () => n++); console.log("re" + "ady"); setTimeout(() => process.exit(40 + n), 1500);\n',
      );
      await session.start(`'${binary}' exec prod -- '${process.execPath}' '${counter}'`);
      // Not "ready" alone: the typed command line could show that word before the program runs.
      await session.waitFor(/^ready$/m, 10_000);
      await session.press("C-c");
      await session.finish(10_000);
      expect(await session.run('echo "status=$?"')).toContain("status=41");
    },
  );

  test.skipIf(!tmuxAvailable())(
    "the helper asking for the code is killed: exec says so with 128 + n, not 1",
    async () => {
      const login = world.user();
      const binary = await awsmfaBinary();
      session = await startShell("bash", { home: login.sandbox.home, env: login.sandbox.env });
      await session.start(`'${binary}' exec prod -- true`);
      await session.waitFor("MFA code for prod", 10_000);
      const helper = Bun.spawnSync(["pgrep", "-f", `^${binary} credential-process prod`]);
      const pid = Number(new TextDecoder().decode(helper.stdout).trim().split("\n")[0]);
      expect(pid).toBeGreaterThan(0);
      // SIGKILL: the helper cannot answer it (a SIGTERM under the MFA lock is a cancel, 143).
      process.kill(pid, "SIGKILL");
      await session.finish(10_000);
      expect(await session.run('echo "status=$?"')).toContain("status=137");
    },
  );

  test.skipIf(!tmuxAvailable())(
    "after a prompt the program has the terminal to itself: its first line is not lost",
    async () => {
      const login = world.user();
      const binary = await awsmfaBinary();
      session = await startShell("bash", { home: login.sandbox.home, env: login.sandbox.env });
      await session.start(`'${binary}' exec prod -- sh -c 'read -r line; echo "got:$line"'`);
      await session.waitFor("MFA code for prod", 10_000);
      await session.type(login.code());
      await session.press("Enter");
      await session.waitFor("New session for prod", 10_000);
      await session.type("hello");
      await session.press("Enter");
      expect(await session.finish(10_000)).toContain("got:hello");
    },
  );
});

describe("exec: help", () => {
  test("--help shows the syntax and examples", async () => {
    const login = world.user();
    const r = await login.run(["exec", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: awsmfa exec [options] <profile> [command...]");
    expect(r.stdout).toContain("awsmfa exec prod -- aws s3 ls");
    expect(r.stdout).toContain(join("", "--role-duration"));
  });
});
