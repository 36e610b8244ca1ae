/**
 * The installer as users run it: `curl -fsSL URL/install.sh | sh` against a release served on
 * 127.0.0.1, in throwaway HOMEs of bash, zsh, fish and dash users, each piped into a
 * different shell (bash, zsh, dash, busybox sh). Twice (the start-up line stays single), then
 * a new interactive shell in tmux must have the `awsmfa` function, then --uninstall must
 * leave the HOME exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type ShellKind, startShell, tmuxAvailable } from "../support/tmux.ts";
import { makeHome, pipeInstaller, snapshot } from "./support/home.ts";
import { type ReleaseServer, startReleaseServer } from "./support/release-server.ts";

let server: ReleaseServer;
beforeAll(async () => {
  server = await startReleaseServer();
  console.log(`installer tests serve ${server.source}`);
});
afterAll(() => server?.stop());

interface User {
  /** The user's login shell. */
  kind: ShellKind;
  /** What runs the piped script: `curl ... | <interpreter> -s -- --yes`. */
  interpreter: string[];
  /** Start-up file the integration goes into, relative to HOME. */
  rc: string;
  /** Files the user had before; the installer must keep every byte of them. */
  before: Record<string, string>;
  env?: (home: string) => Record<string, string>;
  /** Typed in the new interactive shell; must print "function". */
  probe: string;
}

const USERS: User[] = [
  {
    kind: "bash",
    interpreter: ["bash"],
    rc: ".bashrc",
    // No final line break: the installer adds one, and --uninstall takes it away again.
    before: { ".bashrc": "# my bashrc\nalias ll='ls -l'" },
    // This one has ~/.local/bin on PATH already: no warning about it.
    env: (home) => ({ PATH: `${join(home, ".local", "bin")}:${process.env.PATH}` }),
    probe: "type -t awsmfa; complete -p awsmfa",
  },
  {
    kind: "zsh",
    interpreter: ["zsh"],
    rc: ".zshrc",
    before: {},
    probe: "whence -w awsmfa",
  },
  {
    kind: "fish",
    interpreter: ["dash"],
    rc: ".config/fish/conf.d/awsmfa.fish",
    before: { ".config/fish/config.fish": "set -g fish_greeting hello\n" },
    probe: "functions -q awsmfa; and echo function",
  },
  {
    kind: "dash",
    interpreter: ["busybox", "sh"],
    rc: ".shrc",
    before: { ".shrc": "alias ll='ls -l'\n" },
    env: (home) => ({ ENV: join(home, ".shrc") }),
    probe: "type awsmfa",
  },
];

const MARK = "# >>> awsmfa shell integration >>>";
const occurrences = (text: string, part: string) => text.split(part).length - 1;

function loadRc(user: User, home: string): string {
  const rc = join(home, user.rc);
  return user.kind === "fish" ? `source '${rc}'` : `. '${rc}'`;
}

for (const user of USERS) {
  const missing = [user.kind, user.interpreter[0]!].filter((program) => !Bun.which(program));
  const reason = missing.length > 0 ? `${missing.join(", ")} not installed` : undefined;
  if (reason) console.log(`skipping the installer for a ${user.kind} user: ${reason}`);
  if (!tmuxAvailable())
    console.log("installer: tmux is not installed; the new-shell check is skipped");

  describe(`a ${user.kind} user, installer piped into ${user.interpreter.join(" ")}`, () => {
    test.skipIf(reason !== undefined)(
      "installs, adds the start-up line once, loads in a new shell, uninstalls without a trace",
      async () => {
        const shellPath = Bun.which(user.kind)!;
        const home = makeHome(shellPath, { AWSMFA_INSTALL_BASE_URL: server.url });
        try {
          Object.assign(home.env, user.env?.(home.path) ?? {});
          for (const [file, text] of Object.entries(user.before)) {
            mkdirSync(dirname(join(home.path, file)), { recursive: true });
            writeFileSync(join(home.path, file), text);
          }
          const pristine = snapshot(home.path);
          const install = () =>
            pipeInstaller({
              url: `${server.url}/install.sh`,
              interpreter: user.interpreter,
              args: ["--yes"],
              env: home.env,
            });

          const first = await install();
          const bin = join(home.path, ".local", "bin");
          if (home.env.PATH!.startsWith(`${bin}:`)) expect(first.stderr).toBe("");
          else
            expect(first.stderr).toStartWith(
              `awsmfa install: warning: ${bin} is not on your PATH.`,
            );
          expect(first.code).toBe(0);
          const rc = join(home.path, user.rc);
          expect(first.stdout).toContain(`Added the shell integration to ${rc}.`);
          expect(first.stdout).toContain("Next: open a new terminal, then run: awsmfa doctor");
          const second = await install();
          expect(second.code).toBe(0);
          expect(second.stdout).toContain(`The shell integration is already in ${rc}.`);

          const binary = join(home.path, ".local", "bin", "awsmfa");
          expect(statSync(binary).mode & 0o777).toBe(0o755);
          const version = Bun.spawnSync([binary, "--version"]).stdout.toString();
          expect(version).toMatch(/^awsmfa \d+\.\d+\.\d+\S* \(commit [0-9a-f]+/);
          expect(first.stdout).toContain(`Installed ${version.trim()} to ${binary}`);

          const text = readFileSync(rc, "utf8");
          expect(occurrences(text, MARK)).toBe(1);
          expect(occurrences(text, "shell-init")).toBe(1);
          expect(text).toContain(`'${binary}' shell-init`);
          const kept = user.before[user.rc];
          if (kept !== undefined) expect(text.startsWith(kept)).toBe(true);

          if (tmuxAvailable()) {
            // The shell gets a HOME of its own: what a shell leaves behind (fish creates
            // ~/.local/share/fish) is not the installer's trace.
            const scratch = makeHome(shellPath);
            const shell = await startShell(user.kind, {
              home: scratch.path,
              rc: loadRc(user, home.path),
            });
            try {
              const probe = await shell.run(user.probe, 8000);
              expect(probe).toContain("function");
              if (user.kind === "bash")
                expect(probe).toContain("complete -F _awsmfa_complete awsmfa");
            } finally {
              await shell.close();
              scratch.cleanup();
            }
          }

          const removed = await pipeInstaller({
            url: `${server.url}/install.sh`,
            interpreter: user.interpreter,
            args: ["--uninstall"],
            env: home.env,
          });
          expect(removed.code).toBe(0);
          expect(removed.stdout).toContain(`Removed ${binary}`);
          expect(snapshot(home.path)).toEqual(pristine);
        } finally {
          home.cleanup();
        }
      },
      60_000,
    );
  });
}
