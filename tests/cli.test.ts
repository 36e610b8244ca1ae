/**
 * What stdout carries when a command fails: cli.ts decides it from the output mode the command
 * used (or, for a failure before the command chose one, the mode its parsed --format and the
 * environment give). Where that output is evaluated as POSIX or fish code it is `false`, so
 * `eval "$(awsmfa prod)"` fails; JSON, dotenv and PowerShell output get nothing (`false` is
 * no PowerShell command), nor does a terminal or a command whose output nobody evaluates.
 */
import { describe, expect, test } from "bun:test";
import { run } from "../src/cli.ts";
import { ExitCode, exitCodeFor, UserError } from "../src/errors.ts";
import { testDeps } from "./support/test-deps.ts";

async function failure(argv: string[], options: Parameters<typeof testDeps>[0] = {}) {
  const world = testDeps(options);
  const code = await run(argv, world.deps);
  return { code, stdout: world.stdout(), stderr: world.stderr() };
}

describe("--debug before the command (README: the flag of any command)", () => {
  test.each([
    ["shell-init", "bash"],
    ["list", "--json"],
  ])(
    "awsmfa --debug %s %s runs that command, not a login of a profile so named",
    async (command, arg) => {
      const words = [command, arg];
      const world = testDeps();
      const code = await run(["--debug", ...words], world.deps);
      expect(world.stderr()).not.toContain("There is no profile named");
      expect(code).toBe(ExitCode.ok);
      expect(world.stdout()).toBe(await plain(words));
    },
  );

  /** What the same line prints without --debug. */
  async function plain(words: string[]): Promise<string> {
    const world = testDeps();
    expect(await run(words, world.deps)).toBe(ExitCode.ok);
    return world.stdout();
  }
});

describe("stdout on a failure before the command chose its output", () => {
  test.each([
    [["prod", "--duration", "soon"], "false\n"],
    [["--bogus"], "false\n"],
    [["login", "prod", "--no-such-flag"], "false\n"],
    [["prod", "--format", "sh", "--duration", "soon"], "false\n"],
    [["prod", "--format", "fish", "--duration", "soon"], "false\n"],
    [["prod", "--format=fish", "--duration", "soon"], "false\n"],
    [["prod", "--format", "powershell", "--duration", "soon"], ""],
    [["prod", "--format=powershell", "--duration", "soon"], ""],
    [["prod", "--format", "json", "--duration", "soon"], ""],
    [["prod", "--format", "dotenv", "--bogus"], ""],
    [["unset", "--format", "powershell", "--bogus"], ""],
    [["unset", "--format", "fish", "--bogus"], "false\n"],
    [["logout", "--bogus"], "false\n"],
    [["whoami", "--no-such-flag"], ""],
    [["--debug", "whoami", "--no-such-flag"], ""],
    [["--debug", "prod", "--duration", "soon"], "false\n"],
    [["help", "no-such-command"], ""],
  ])("%p: stdout %p", async (argv, stdout) => {
    const r = await failure(argv);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stdout).toBe(stdout);
  });

  test("a terminal on stdout evaluates nothing: no `false`", async () => {
    const r = await failure(["--bogus"], { stdoutIsTTY: true });
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stdout).toBe("");
  });

  test("under the shell function, even on a terminal: `false`", async () => {
    const env = { AWSMFA_SHELL: "powershell" };
    expect((await failure(["--bogus"], { env, stdoutIsTTY: true })).stdout).toBe("false\n");
  });

  test("an AWSMFA_SHELL awsmfa does not know still fails the eval", async () => {
    const r = await failure(["--bogus"], { env: { AWSMFA_SHELL: "tcsh" } });
    expect(r.stdout).toBe("false\n");
  });
});

describe("stdout on a failure after the command chose its output", () => {
  test.each([
    [["prod", "--format", "powershell"], ""],
    [["prod", "--format", "fish"], "false\n"],
    [["prod", "--format", "json"], ""],
    [["prod"], "false\n"],
  ])("%p, with no AWS files: stdout %p", async (argv, stdout) => {
    const r = await failure(argv, {
      env: {
        AWS_CONFIG_FILE: "/nonexistent/config",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
      },
    });
    expect(r.code).not.toBe(ExitCode.ok);
    expect(r.code).not.toBe(ExitCode.usage);
    expect(r.stderr).toContain("prod");
    expect(r.stdout).toBe(stdout);
  });
});

describe("--version alone is answered without commander, as commander answers it", () => {
  // ["--version", "--version"] goes through commander: it prints at the first and stops.
  const byCommander = ["--version", "--version"];

  test.each([[["--version"]], [["-V"]]])("%p", async (argv) => {
    const fast = await failure(argv);
    const slow = await failure(byCommander);
    expect(fast).toEqual({
      code: ExitCode.ok,
      stdout: "awsmfa 0.0.0-test (commit test)\n",
      stderr: "",
    });
    expect(fast).toEqual(slow);
  });

  test("a stdout that fails: the same message and exit code", async () => {
    const stalled = async (argv: string[]) => {
      const world = testDeps();
      const stdout = {
        isTTY: false,
        write: () => {
          throw new UserError("awsmfa gave up writing its output.", { code: "failure" });
        },
      };
      const code = await run(argv, { ...world.deps, io: { ...world.deps.io, stdout } });
      return { code, stderr: world.stderr() };
    };
    const fast = await stalled(["--version"]);
    expect(fast.code).toBe(exitCodeFor(new UserError("x", { code: "failure" })));
    expect(fast.stderr).toContain("gave up writing");
    expect(fast).toEqual(await stalled(byCommander));
  });
});

describe("usage errors at every depth of the command line", () => {
  /** Every visible command and subcommand, as words (`keys move`), read from commander. */
  async function commandPaths(): Promise<string[][]> {
    const { buildProgram } = await import("../src/cli.ts");
    const program = await buildProgram({
      deps: testDeps().deps,
      state: { exitCode: 0, outputMode: undefined },
    });
    const paths: string[][] = [];
    const walk = (command: typeof program, parent: string[]) => {
      for (const child of command.createHelp().visibleCommands(command)) {
        if (child.name() === "help") continue;
        paths.push([...parent, child.name()]);
        walk(child as typeof program, [...parent, child.name()]);
      }
    };
    walk(program, []);
    return paths;
  }

  test("an unknown flag exits 2 with awsmfa's message, for every command and subcommand", async () => {
    const paths = await commandPaths();
    expect(paths).toContainEqual(["keys", "move"]);
    for (const words of paths) {
      const r = await failure([...words, "--no-such-flag"]);
      expect({ words, code: r.code }).toEqual({ words, code: ExitCode.usage });
      // awsmfa's printer (the flag, or a required option missing first), not commander's.
      expect(r.stderr).toMatch(/^awsmfa: (unknown option '--no-such-flag'|required option)/);
      expect(r.stderr).toContain(`Run \`awsmfa ${words.join(" ")} --help\` for usage.`);
    }
  });

  test("`keys move` with a key store that does not exist: exit 2, the choices named, its own help", async () => {
    const r = await failure(["keys", "move", "prod", "--to", "nowhere"]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toBe(
      "awsmfa: option '--to <store>' argument 'nowhere' is invalid. Allowed choices are credentials-file, keychain, pass, encrypted-file.\n" +
        "Run `awsmfa keys move --help` for usage.\n",
    );
  });

  test("after a leading --debug, the usage hint still names the command", async () => {
    const r = await failure(["--debug", "keys", "move", "prod", "--to", "nowhere"]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toEndWith("Run `awsmfa keys move --help` for usage.\n");
  });
});
