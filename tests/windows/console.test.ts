/**
 * The code prompt on the Windows console: awsmfa.exe under Wine inside tmux, so CONIN$ and
 * CONOUT$ are a real console. The code is typed at the prompt; Ctrl-C cancels with 130 and
 * leaves nothing behind; with no console at all the clear error comes at once.
 * Run by .ci/stages/30-windows.sh; skips loudly without AWSMFA_WINDOWS_EXE (see support/wine.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeAws, startFakeAws } from "../support/fake-aws.ts";
import { sleep, tmux } from "../support/tmux-server.ts";
import {
  awsmfaExe,
  exe,
  linuxAppData,
  linuxAws,
  resetHome,
  startWine,
  stopWine,
  wineEnv,
} from "./support/wine.ts";

let aws: FakeAws;
let scratch: string;
beforeAll(async () => {
  if (!exe) return;
  startWine();
  aws = await startFakeAws();
  scratch = mkdtempSync(join(tmpdir(), "awsmfa-wine-console-"));
});
afterAll(async () => {
  await aws?.stop();
  if (exe) {
    stopWine();
    rmSync(scratch, { recursive: true, force: true });
  }
});
beforeEach(() => {
  if (exe) resetHome();
});

function world() {
  const user = aws.addUser({});
  const serial = user.devices[0]!.serial;
  writeFileSync(
    join(linuxAws, "credentials"),
    `[prod-long-term]\r\naws_access_key_id = ${user.accessKeyId}\r\naws_secret_access_key = ${user.secretAccessKey}\r\n`,
  );
  writeFileSync(join(linuxAws, "config"), `[profile prod]\r\nmfa_serial = ${serial}\r\n`);
  return { serial, code: () => aws.code(serial) };
}

/** Starts `awsmfa.exe ARGS` in a tmux pane (the console); stdout and the exit code go to files. */
async function inConsole(args: string[]) {
  const socket = `awsmfa-wine-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const out = join(scratch, `${socket}.out`);
  const status = join(scratch, `${socket}.status`);
  const words = [exe!, ...args].map((word) => `'${word}'`).join(" ");
  const env = {
    ...wineEnv({ AWS_ENDPOINT_URL: aws.url }),
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
  };
  await tmux(
    socket,
    [
      "new-session",
      "-d",
      "-x",
      "120",
      "-y",
      "30",
      `wine ${words} > '${out}'; echo $? > '${status}'; sleep 600`,
    ],
    env,
  );
  const screen = () => tmux(socket, ["capture-pane", "-p"], env);
  return {
    async waitFor(pattern: RegExp, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${text}`);
        await sleep(100);
      }
    },
    keys: (...keys: string[]) => tmux(socket, ["send-keys", ...keys], env),
    async exitCode(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!existsSync(status) || readFileSync(status, "utf8").trim() === "") {
        if (Date.now() > deadline) throw new Error(`no exit; screen:\n${await screen()}`);
        await sleep(100);
      }
      return Number(readFileSync(status, "utf8").trim());
    },
    stdout: () => readFileSync(out, "utf8"),
    screen,
    close: () => tmux(socket, ["kill-server"], env).catch(() => undefined),
  };
}

describe.skipIf(!exe)("the code prompt on the Windows console (Wine under tmux)", () => {
  test("the code typed at the prompt logs in; stdout gets only the output", async () => {
    const w = world();
    const pane = await inConsole(["prod", "--format", "json"]);
    try {
      await pane.waitFor(/MFA code for prod/);
      await pane.keys("-l", w.code());
      await pane.keys("Enter");
      expect(await pane.exitCode()).toBe(0);
      expect(JSON.parse(pane.stdout()).AccessKeyId).toMatch(/^ASIA/);
      expect(readFileSync(join(linuxAws, "credentials"), "utf8")).toContain("\r\n[prod]\r\n");
    } finally {
      await pane.close();
    }
  });

  test("Ctrl-C at the prompt exits 130, changes nothing and leaves no lock behind", async () => {
    world();
    const before = readFileSync(join(linuxAws, "credentials"), "utf8");
    const pane = await inConsole(["prod", "--format", "json"]);
    try {
      await pane.waitFor(/MFA code for prod/);
      await pane.keys("-l", "12");
      await sleep(300);
      await pane.keys("C-c");
      expect(await pane.exitCode()).toBe(130);
      expect(readFileSync(join(linuxAws, "credentials"), "utf8")).toBe(before);
      const sessions = join(linuxAppData, "sessions");
      const locks = existsSync(sessions)
        ? readdirSync(sessions).filter((f) => f.endsWith(".lock"))
        : [];
      expect(locks).toEqual([]);
    } finally {
      await pane.close();
    }
  });

  test("with no console, the clear error at once (exit 7)", async () => {
    world();
    const started = Date.now();
    // Wine's powershell.exe is a stub that prints nothing and exits 0: the desktop dialog it
    // would show on real Windows is turned off, as a user without a desktop would.
    const result = await awsmfaExe(["prod", "--format", "json"], {
      env: { AWS_ENDPOINT_URL: aws.url, AWSMFA_DIALOG: "0" },
    });
    expect(result.code).toBe(7);
    expect(result.stderr).toContain("there is no terminal to ask on");
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
