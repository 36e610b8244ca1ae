/**
 * The shell function evaluates what login, unset and logout print. Text that is meant to be
 * read (help, `--format json`, another shell's syntax) must still reach the person, or a
 * redirect, as it is, and never run as code. Real bash, zsh and fish, the compiled binary.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

interface Shell {
  name: "bash" | "zsh" | "fish";
  load(binary: string): string;
  /** Prints "key=<value>" for AWS_ACCESS_KEY_ID, "key=" when unset. */
  showKey: string;
  status: string;
}

const SHELLS: Shell[] = [
  {
    name: "bash",
    load: (binary) => `eval "$('${binary}' shell-init bash)"`,
    showKey: 'echo "key=$AWS_ACCESS_KEY_ID"',
    status: 'echo "status=$?"',
  },
  {
    name: "zsh",
    load: (binary) => `eval "$('${binary}' shell-init zsh)"`,
    showKey: 'echo "key=$AWS_ACCESS_KEY_ID"',
    status: 'echo "status=$?"',
  },
  {
    name: "fish",
    load: (binary) => `'${binary}' shell-init fish | source`,
    showKey: 'echo "key=$AWS_ACCESS_KEY_ID"',
    status: 'echo "status=$status"',
  },
];

async function inShell(shell: Shell, script: string, env: Record<string, string>) {
  const binary = await awsmfaBinary();
  const args = shell.name === "fish" ? ["--no-config", "-c"] : ["-c"];
  const child = Bun.spawn([shell.name, ...args, `${shell.load(binary)}\n${script}`], {
    env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}

for (const shell of SHELLS) {
  const installed = Bun.which(shell.name) !== null;
  if (!installed) console.log(`skipped: ${shell.name} is not installed`);

  describe.skipIf(!installed)(`through the ${shell.name} function`, () => {
    test("--format json reaches a redirect byte for byte, and sets nothing", async () => {
      const { code, sandbox } = world.user();
      const file = join(sandbox.home, "session.json");
      const r = await inShell(
        shell,
        [`awsmfa prod --otp ${code()} --format json > '${file}'`, shell.status, shell.showKey].join(
          "\n",
        ),
        sandbox.env,
      );
      expect(r.stderr).not.toContain("command not found");
      expect(r.stdout).toContain("status=0");
      expect(r.stdout).toContain("key=\n");
      const json = JSON.parse(readFileSync(file, "utf8"));
      expect(json.Version).toBe(1);
      expect(json.AccessKeyId).toMatch(/^ASIA/);
    });

    test("`login --help` and `unset --help` are shown, not run", async () => {
      const { sandbox } = world.user();
      const r = await inShell(
        shell,
        ["awsmfa login --help", shell.status, "awsmfa unset --help", shell.status].join("\n"),
        sandbox.env,
      );
      expect(r.stderr).toBe("");
      expect(r.stdout).toContain("Usage: awsmfa login [options] [profiles...]");
      expect(r.stdout).toContain("Usage: awsmfa unset [options]");
      expect(r.stdout).toContain('print unset lines for this shell (choices: "sh", "fish",');
      expect(r.stdout.match(/status=0/g)).toHaveLength(2);
    });

    test("another shell's syntax is printed for copying, the session stays cached", async () => {
      const { code, sandbox } = world.user();
      const other = shell.name === "fish" ? "sh" : "fish";
      const r = await inShell(
        shell,
        [
          `awsmfa prod --otp ${code()} --format ${other}`,
          shell.showKey,
          "awsmfa unset --format powershell",
        ].join("\n"),
        sandbox.env,
      );
      expect(r.stderr).not.toMatch(/command not found|invalid option|Unknown command/);
      const line = other === "fish" ? /^set -gx AWS_ACCESS_KEY_ID 'ASIA/m : /^export AWS_/m;
      expect(r.stdout).toMatch(line);
      expect(r.stdout).toContain("key=\n");
      expect(r.stdout).toContain("Remove-Item -LiteralPath Env:AWS_SESSION_TOKEN");
      expect(r.stderr).not.toContain("Removed the AWS session variables");
    });
  });
}
