/**
 * The `awsmfa` function in an interactive pwsh inside tmux: the code is typed at the prompt
 * (on the terminal, not stdout), and the variables land in the calling session. pwsh starts
 * slowly on a loaded 2-core machine, hence the generous waits.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import { pwsh } from "../support/pwsh.ts";
import { sleep, tmux, tmuxAvailable } from "../support/tmux-server.ts";

const world = useLoginWorld();

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out ${what}`);
    await sleep(100);
  }
}

describe.skipIf(!pwsh || !tmuxAvailable())("pwsh at a real prompt (tmux)", () => {
  test("awsmfa prod: the code typed at the prompt; $env:AWS_* set in the calling session", async () => {
    const login = world.user();
    const binary = await awsmfaBinary();
    const home = login.sandbox.home;
    const rc = join(home, "rc.ps1");
    const result = join(home, "result.txt");
    writeFileSync(
      rc,
      [
        "function prompt { 'PS> ' }",
        `& '${binary}' shell-init powershell | Out-String | Invoke-Expression`,
        "",
      ].join("\n"),
    );
    const socket = `awsmfa-pwsh-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const env = {
      ...login.sandbox.env,
      PATH: process.env.PATH ?? "",
      TERM: "xterm-256color",
      POWERSHELL_TELEMETRY_OPTOUT: "1",
    };
    const run = (args: string[]) => tmux(socket, args, env);
    const screen = () => run(["capture-pane", "-p"]);
    await run([
      "new-session",
      "-d",
      "-x",
      "120",
      "-y",
      "30",
      `'${pwsh}' -NoLogo -NoProfile -NoExit -Command ". '${rc}'"`,
    ]);
    try {
      await until("for the pwsh prompt", 45_000, async () =>
        (await screen()).includes("PS>") ? true : undefined,
      );
      await run(["send-keys", "-l", "awsmfa prod"]);
      await run(["send-keys", "Enter"]);
      await until("for the code prompt", 30_000, async () =>
        (await screen()).includes("MFA code for prod") ? true : undefined,
      );
      await run(["send-keys", "-l", login.code()]);
      await run(["send-keys", "Enter"]);
      await until("for the login", 30_000, async () =>
        (await screen()).includes("New session for prod") ? true : undefined,
      );
      await run([
        "send-keys",
        "-l",
        `[IO.File]::WriteAllText('${result}', "$env:AWS_PROFILE|$env:AWS_ACCESS_KEY_ID|$LASTEXITCODE")`,
      ]);
      await run(["send-keys", "Enter"]);
      const text = await until("for the result file", 30_000, async () =>
        existsSync(result) ? readFileSync(result, "utf8") : undefined,
      );
      expect(text).toMatch(/^prod\|ASIA[A-Z0-9]+\|0$/);
      // The session's lines were evaluated, not shown.
      expect(await screen()).not.toContain("$env:AWS_SECRET_ACCESS_KEY");
    } finally {
      await run(["kill-server"]).catch(() => undefined);
    }
  }, 150_000);
});
