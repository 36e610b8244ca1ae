/**
 * Runs awsmfa's Windows .exe under Wine, for the curated Windows suite (tests/windows/*.test.ts).
 * The CI stage .ci/stages/30-windows.sh builds the .exe, the stand-in bcryptprimitives.dll and
 * hold.exe, prepares one fresh Wine prefix and then runs these tests with:
 *   AWSMFA_WINDOWS_EXE  the .exe (dist/awsmfa-windows-x64.exe)
 *   AWSMFA_WINEPREFIX   the prepared prefix (the DLL in system32)
 *   AWSMFA_HOLD_EXE     hold.exe
 * Without AWSMFA_WINDOWS_EXE the suite skips, and says so loudly: plain `npm test` does not run
 * it (it needs the Windows build and a prefix, which the stage makes).
 *
 * Wine gotchas this module handles: its background server inherits and keeps open the pipes
 * of whoever starts it (so it is started first, with no pipes); Wine passes the Linux
 * environment through (so every run gets an explicit, minimal environment); Wine ignores a
 * USERPROFILE set from Linux (so the prefix's own user folder is the home, reset per test).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";

export const exe = process.env.AWSMFA_WINDOWS_EXE;
export const prefix = process.env.AWSMFA_WINEPREFIX ?? "";
export const holdExe = process.env.AWSMFA_HOLD_EXE ?? "";

if (!exe) {
  console.warn(
    "\n*** SKIPPED: the Windows suite (tests/windows/) needs AWSMFA_WINDOWS_EXE; " +
      ".ci/stages/30-windows.sh sets it and runs it under Wine. ***\n",
  );
}

/** Wine names the user's folder after the Linux user (the one folder besides Public). */
function wineUser(): string {
  try {
    const users = readdirSync(join(prefix, "drive_c", "users")).filter((name) => name !== "Public");
    if (users.length === 1) return users[0]!;
  } catch {}
  return userInfo().username;
}

const user = exe ? wineUser() : "";
/** The Windows user's folder (%USERPROFILE%), as Windows and as Linux see it. */
export const winHome = `C:\\users\\${user}`;
export const linuxHome = join(prefix, "drive_c", "users", user);
export const winAws = `${winHome}\\.aws`;
export const linuxAws = join(linuxHome, ".aws");
/** %LOCALAPPDATA%\awsmfa: the session cache and locks. */
export const linuxAppData = join(linuxHome, "AppData", "Local", "awsmfa");

/** The minimal environment every Wine run gets (Wine passes the Linux one through). */
export function wineEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/root",
    WINEPREFIX: prefix,
    WINEDEBUG: "-all",
    NO_COLOR: "1",
    TZ: "UTC",
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

/** Starts Wine's server with no pipes attached, so it cannot hold a test's output open. */
export function startWine(): void {
  spawnSync("wineserver", ["-p"], { env: wineEnv(), stdio: "ignore" });
  spawnSync("wine", ["cmd", "/c", "exit"], { env: wineEnv(), stdio: "ignore", timeout: 60_000 });
}

export function stopWine(): void {
  spawnSync("wineserver", ["-k"], { env: wineEnv(), stdio: "ignore" });
}

/** Empties %USERPROFILE%\.aws and %LOCALAPPDATA%\awsmfa: every test starts from nothing. */
export function resetHome(): void {
  rmSync(linuxAws, { recursive: true, force: true });
  rmSync(linuxAppData, { recursive: true, force: true });
  mkdirSync(linuxAws, { recursive: true });
}

export interface WineResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a Windows program (a Linux path to an .exe, or `cmd`) under Wine. */
export async function wine(
  argv: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<WineResult> {
  const child = Bun.spawn(["wine", ...argv], {
    env: wineEnv(options.env),
    stdin: options.stdin === undefined ? "ignore" : new Blob([options.stdin]),
    stdout: "pipe",
    stderr: "pipe",
  });
  const timer = setTimeout(() => child.kill(), 50_000);
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Runs awsmfa.exe with `env` added to the minimal environment. */
export function awsmfaExe(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<WineResult> {
  return wine([exe!, ...args], options);
}
