/**
 * The generated `awsmfa` function in real interactive shells under tmux, wrapped around a
 * stand-in binary: a small sh script that behaves like awsmfa at the protocol level.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExportFormat, renderExports, shellSyntax } from "../../src/shell/index.ts";
import { parseEnvDump } from "../support/real-shells.ts";
import { type ShellKind, startShell, tmuxAvailable } from "../support/tmux.ts";

/**
 * Without AWSMFA_SHELL (a passthrough command) it reports whether stdout is a terminal.
 * With it: `fail` prints code that must not run and exits 4; anything else asks for a code
 * on /dev/tty, records what it was given, and prints the pre-rendered exports for the shell.
 */
const STAND_IN = `#!/bin/sh
dir=$(dirname "$0")
if [ -z "\${AWSMFA_SHELL-}" ]; then
  if [ -t 1 ]; then tty=a; else tty=no; fi
  echo "passthrough $1: stdout is $tty terminal"
  exit 0
fi
if [ "\${1-}" = fail ]; then
  echo 'export AWSMFA_LEAKED=1'
  echo "awsmfa: refused" >&2
  exit 4
fi
printf 'MFA code for %s: ' "\${1-default}" > /dev/tty
read -r code < /dev/tty
printf '%s\\n' "$AWSMFA_SHELL" "$code" "$#" "$@" > "$dir/call"
cat "$dir/exports.$AWSMFA_SHELL"
`;

interface Flavor {
  label: string;
  kind: ShellKind;
  /** AWSMFA_SHELL as the function sets it. */
  shellName: string;
  format: ExportFormat;
  /** Extra start-up code: hostile options and IFS. */
  rc: string;
  load(initFile: string): string;
  /** A command that writes the names of all shell variables to `file`, one per line. */
  names(file: string): string;
  status: string;
  /** Runs the failing call; prints the status in a way that also works under `set -e`. */
  fail: string;
}

const posix = (kind: ShellKind, label: string, rc: string, names: (f: string) => string) => ({
  label,
  kind,
  shellName: kind === "dash" ? "bash" : kind,
  format: "sh" as const,
  rc,
  load: (file: string) => `eval "$(cat '${file}')"`,
  names,
  status: "$?",
  fail: 'awsmfa fail || echo "status=$?"',
});

const bashNames = (file: string) => `compgen -v > '${file}'`;
const zshNames = (file: string) => `print -rl -- "\${(k)parameters[@]}" > '${file}'`;
// dash cannot list variable names alone; the helpers' names are checked directly instead.
const dashNames = (file: string) =>
  `echo "\${__awsmfa_code+__awsmfa_code}\${__awsmfa_status+__awsmfa_status}" > '${file}'`;

const FLAVORS: Flavor[] = [
  posix("bash", "bash", "", bashNames),
  posix(
    "bash",
    "bash with set -eu, an odd IFS and an alias",
    "alias awsmfa='echo alias'\nset -eu\nIFS='_aeiou/ '",
    bashNames,
  ),
  posix("zsh", "zsh", "", zshNames),
  posix(
    "zsh",
    "zsh with odd options, an odd IFS and an alias",
    [
      "trap 'echo user trap' USR1",
      "alias awsmfa='echo alias'",
      "setopt ksh_arrays sh_word_split no_unset rc_quotes warn_create_global err_return",
      "IFS='_aeiou/ '",
    ].join("\n"),
    zshNames,
  ),
  posix("dash", "dash (sh)", "", dashNames),
  {
    label: "fish",
    kind: "fish",
    shellName: "fish",
    format: "fish",
    rc: "",
    load: (file) => `source '${file}'`,
    names: (file) => `set -n > '${file}'`,
    status: "$status",
    fail: 'awsmfa fail; or echo "status=$status"',
  },
];

/** Variables shells change by themselves between two prompts. */
const VOLATILE = new Set([
  "_",
  "CMD_DURATION",
  "status",
  "pipestatus",
  "history",
  "fish_kill_signal",
]);

const TRAP_NAME = "trap";
const exportedValues = (trap: string): [string, string][] => [
  ["AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE"],
  ["AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  ["AWS_SESSION_TOKEN", `IQoJb3JpZ2luX2VjE+/${"AbC".repeat(300)}==`],
  ["AWSMFA_T_QUOTES", `x'; touch ${trap}/pwned-1; '"\\\``],
  ["AWSMFA_T_SPEC", "x'; touch /tmp/pwned; '"],
  ["AWSMFA_T_SUBST", `$(touch ${trap}/pwned-2)\`touch ${trap}/pwned-3\`(touch ${trap}/pwned-4)`],
  ["AWSMFA_T_LINES", "line one\nline two\r\n\ttabbed\n"],
  ["AWSMFA_T_UNICODE", "é 日本 😀 ‘’"],
  ["AWSMFA_T_DASH", "-e"],
  ["AWSMFA_T_EMPTY", ""],
  ["AWSMFA_T_PERCENT", "%s !! $HOME"],
];

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function prepare(flavor: Flavor) {
  const home = await mkdtemp(join(tmpdir(), "awsmfa-fn-"));
  dirs.push(home);
  // A folder name with a space and a quote: the function must quote the binary's path.
  const bin = join(home, "Jane's bin");
  await mkdir(join(home, TRAP_NAME));
  await mkdir(bin);
  const binary = join(bin, "awsmfa");
  await writeFile(binary, STAND_IN);
  await chmod(binary, 0o755);
  const values = exportedValues(join(home, TRAP_NAME));
  await writeFile(join(bin, `exports.${flavor.shellName}`), renderExports(flavor.format, values));
  const syntax = shellSyntax(flavor.kind === "dash" ? "sh" : flavor.kind);
  if (!syntax) throw new Error(`no syntax for ${flavor.kind}`);
  const initFile = join(home, "init");
  const passthrough = ["whoami", "shell-init", "help", "-h", "--help", "-V", "--version"];
  await writeFile(initFile, syntax.initScript({ binary, passthrough }));
  return { home, bin, values, rc: `${flavor.rc}\n${flavor.load(initFile)}` };
}

const lines = async (file: string) =>
  new Set((await readFile(file, "utf8")).split("\n").filter((line) => line !== ""));

const tmpPwnedBefore = existsSync("/tmp/pwned");

for (const flavor of FLAVORS) {
  const reason = !tmuxAvailable()
    ? "tmux is not installed"
    : Bun.which(flavor.kind) === null
      ? `${flavor.kind} is not installed`
      : undefined;
  if (reason) console.log(`skipping the awsmfa function in ${flavor.label}: ${reason}`);

  describe(`the awsmfa function in ${flavor.label}`, () => {
    test.skipIf(reason !== undefined)(
      "sets variables, keeps exit codes, passes commands through, leaves nothing behind",
      async () => {
        const { home, bin, values, rc } = await prepare(flavor);
        const shell = await startShell(flavor.kind, { home, rc });
        try {
          await shell.run(flavor.names(join(home, "names.before")));
          const traps = flavor.kind === "fish" ? "" : await shell.run("trap");

          // The eval path: a question on the terminal, then the exports land in this shell.
          await shell.start("awsmfa prod 'two words'");
          await shell.waitFor("MFA code for prod:");
          await shell.type("123456");
          await shell.press("Enter");
          expect(await shell.finish()).toBe("MFA code for prod: 123456");
          expect(await shell.run(`echo "status=${flavor.status}"`)).toBe("status=0");
          const call = (await readFile(join(bin, "call"), "utf8")).split("\n");
          expect(call).toEqual([flavor.shellName, "123456", "2", "prod", "two words", ""]);

          await shell.run(`/usr/bin/env -0 > '${join(home, "env.dump")}'`);
          const env = parseEnvDump(await readFile(join(home, "env.dump")));
          for (const [name, value] of values) expect([name, env.get(name)]).toEqual([name, value]);
          expect(env.has("AWSMFA_SHELL")).toBe(false);
          expect(await readdir(join(home, TRAP_NAME))).toEqual([]);
          if (!tmpPwnedBefore) expect(existsSync("/tmp/pwned")).toBe(false);

          // No helper variables left behind: only the exported names are new.
          await shell.run(flavor.names(join(home, "names.after")));
          const before = await lines(join(home, "names.before"));
          const added = [...(await lines(join(home, "names.after")))].filter(
            (name) => !before.has(name) && !VOLATILE.has(name),
          );
          if (flavor.kind === "dash") expect(added).toEqual([]);
          else expect(added.sort()).toEqual(values.map(([name]) => name).sort());

          // A failure evaluates nothing and keeps the binary's exit code.
          expect(await shell.run(flavor.fail)).toBe("awsmfa: refused\nstatus=4");
          const leaked = await shell.run("/usr/bin/env | grep -c AWSMFA_LEAKED || true");
          expect(leaked).toBe("0");

          // Passthrough commands see the terminal; so does the eval path's question.
          expect(await shell.run("awsmfa whoami")).toBe("passthrough whoami: stdout is a terminal");
          expect(await shell.run("awsmfa --version")).toBe(
            "passthrough --version: stdout is a terminal",
          );

          // Ctrl-C at the question cancels: nothing evaluated, the status says interrupted.
          await shell.start("awsmfa prod");
          await shell.waitFor(/MFA code for prod:$/m);
          await shell.press("C-c");
          await shell.finish();
          expect(await shell.run(`echo "status=${flavor.status}"`)).toBe("status=130");
          if (flavor.kind !== "fish") expect(await shell.run("trap")).toBe(traps);

          // No argument at all goes through the eval path too.
          await shell.start("awsmfa");
          await shell.waitFor("MFA code for default:");
          await shell.type("654321");
          await shell.press("Enter");
          await shell.finish();
          expect((await readFile(join(bin, "call"), "utf8")).split("\n").slice(0, 3)).toEqual([
            flavor.shellName,
            "654321",
            "0",
          ]);
        } finally {
          await shell.close();
        }
      },
      30_000,
    );
  });
}
