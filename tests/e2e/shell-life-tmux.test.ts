/**
 * Living in the shell with the compiled binary's `shell-init` loaded in real bash, zsh and
 * fish under tmux: Tab completes commands, subcommands and profile names (read from the
 * sandbox's AWS files), and the prompt warns once when the session has 10 minutes or less (a
 * short session from the fake AWS), once when it has expired, and never for a fresh 12-hour
 * session.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { type ShellKind, type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";

const world = useLoginWorld();
const shells: ShellKind[] = ["bash", "zsh", "fish"];
let session: ShellSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  world.aws.sessionLifetimeOverrideSeconds = undefined;
});

if (!tmuxAvailable()) console.log("skipped: tmux is not installed, so the shell tests cannot run");

function load(kind: ShellKind, binary: string): string {
  if (kind === "fish") return `'${binary}' shell-init fish | source`;
  const init = `eval "$('${binary}' shell-init ${kind})"`;
  // The init line above compinit, as in many .zshrc files: completion is registered at the
  // first prompt.
  return kind === "zsh" ? `${init}\nautoload -Uz compinit && compinit -u -D` : init;
}

async function shellFor(kind: ShellKind) {
  const user = world.user();
  user.sandbox.writeConfig(
    `${user.sandbox.readConfig()}[profile staging]\nregion = eu-west-1\n[profile qa-eu]\n`,
  );
  session = await startShell(kind, {
    home: user.sandbox.home,
    env: user.sandbox.env,
    rc: load(kind, await awsmfaBinary()),
    width: 160,
  });
  return { user, shell: session };
}

const SOON = /awsmfa: the AWS session for prod expires in [45]m; `awsmfa prod` gets a new one\./;
const EXPIRED = "awsmfa: the AWS session for prod has expired; `awsmfa prod` gets a new one.";

function moveExpiry(kind: ShellKind, seconds: number): string {
  return kind === "fish"
    ? `set AWSMFA_EXPIRES (math $AWSMFA_EXPIRES + ${seconds})`
    : `AWSMFA_EXPIRES=$((AWSMFA_EXPIRES + ${seconds}))`;
}

describe.skipIf(!tmuxAvailable())("shell integration in real shells", () => {
  test.each(shells)("%s: Tab completes commands and profile names", async (kind) => {
    const { shell } = await shellFor(kind);
    const line = (text: string) => new RegExp(`\\$ ${text.replace(/[-]/g, "\\-")}\\s*$`, "m");
    await shell.type("awsmfa stag");
    await shell.press("Tab");
    await shell.waitFor(line("awsmfa staging"));
    await shell.press("C-u");
    await shell.type("awsmfa whoami --profile qa");
    await shell.press("Tab");
    await shell.waitFor(line("awsmfa whoami --profile qa-eu"));
    await shell.press("C-u");
    await shell.type("awsmfa doc");
    await shell.press("Tab");
    await shell.waitFor(line("awsmfa doctor"));
    await shell.press("C-u");
    // A subcommand and its flag (every one is checked in tests/shell/completion-every-command).
    await shell.type("awsmfa keys mo");
    await shell.press("Tab");
    await shell.waitFor(line("awsmfa keys move"));
    await shell.type("--t");
    await shell.press("Tab");
    await shell.waitFor(/\$ awsmfa keys move --to[= ]?\s*$/m);
    await shell.press("C-u");
    // An argument's choices.
    await shell.type("awsmfa shell-init fi");
    await shell.press("Tab");
    await shell.waitFor(line("awsmfa shell-init fish"));
    await shell.press("C-u");
    expect(await shell.run("echo done")).toBe("done");
  });

  test.each(shells)("%s: doctor, run through the function, sees it loaded", async (kind) => {
    const { shell } = await shellFor(kind);
    const out = await shell.run("awsmfa doctor --offline", 10_000);
    expect(out).toContain(`✓ The awsmfa shell function is loaded in this shell (${kind}).`);
  });

  test.each(shells)(
    "%s: a short session warns once, expiry warns once, then silence",
    async (kind) => {
      const { user, shell } = await shellFor(kind);
      world.aws.sessionLifetimeOverrideSeconds = 300;
      const login = await shell.run(`awsmfa prod --otp ${user.code()}`, 15_000);
      expect(login).toContain("New session for prod");
      expect(login).toMatch(SOON);
      expect(await shell.run("echo next")).toBe("next");
      const expired = await shell.run(moveExpiry(kind, -400));
      expect(expired).toBe(EXPIRED);
      expect(await shell.run("echo again")).toBe("again");
    },
  );

  test.each(shells)("%s: a fresh 12-hour session prints no warning", async (kind) => {
    const { user, shell } = await shellFor(kind);
    const login = await shell.run(`awsmfa prod --otp ${user.code()}`, 15_000);
    expect(login).toContain("New session for prod, valid for 12h00m");
    expect(login).not.toContain("awsmfa: the AWS session");
    expect(await shell.run("echo quiet")).toBe("quiet");
    // Eleven hours and fifty-two minutes later, it speaks.
    expect(await shell.run(moveExpiry(kind, -(12 * 3600 - 480)))).toMatch(/expires in [78]m;/);
  });
});
