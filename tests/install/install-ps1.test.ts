/**
 * install.ps1 in real pwsh, as `irm <url>/install.ps1 | iex`, against a release folder served
 * on 127.0.0.1: the archive preferred when SHA256SUMS lists it (else the raw binary), a
 * tampered archive refused with nothing installed, idempotent, and -Uninstall giving $PROFILE
 * back byte for byte; the install record `.awsmfa-install` written as install.sh writes it, so
 * that `awsmfa upgrade` knows where to download from. The release is made here from the host
 * test binary.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { pwsh } from "../support/pwsh.ts";
import { sleep, tmux, tmuxAvailable } from "../support/tmux-server.ts";
import { HOST_ASSET as HOST_ARCHIVE } from "./support/release-server.ts";

/** The raw binary's asset name: the archive's without `.tar.gz`. */
const HOST_ASSET = HOST_ARCHIVE.replace(/\.tar\.gz$/, "");

const root = resolve(import.meta.dir, "..", "..");
const sha = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
let folder = "";
let server: ReturnType<typeof Bun.serve> | undefined;
const requests: string[] = [];

beforeAll(async () => {
  if (!pwsh) return;
  folder = mkdtempSync(join(tmpdir(), "awsmfa-ps1-release-"));
  const stage = join(folder, "stage");
  mkdirSync(stage);
  copyFileSync(await awsmfaBinary(), join(stage, "awsmfa"));
  writeFileSync(join(stage, "LICENSE"), "MIT\n");
  writeFileSync(join(stage, "README.md"), "# awsmfa\n");
  const tar = spawnSync("tar", [
    "-czf",
    join(folder, `${HOST_ASSET}.tar.gz`),
    "-C",
    stage,
    "awsmfa",
    "LICENSE",
    "README.md",
  ]);
  expect(tar.status).toBe(0);
  const archive = readFileSync(join(folder, `${HOST_ASSET}.tar.gz`));
  const binary = readFileSync(join(stage, "awsmfa"));
  // Upper-case hex for the archive: both cases are accepted.
  const sums = `${sha(binary)}  ${HOST_ASSET}\n${sha(archive).toUpperCase()}  ${HOST_ASSET}.tar.gz\n`;
  const tampered = new Uint8Array(archive.length + 1);
  tampered.set(archive);
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const path = new URL(request.url).pathname;
      requests.push(path);
      if (path === "/install.ps1") return new Response(Bun.file(join(root, "install.ps1")));
      if (path === "/SHA256SUMS" || path === "/tampered/SHA256SUMS") return new Response(sums);
      if (path === "/raw/SHA256SUMS") return new Response(`${sha(binary)}  ${HOST_ASSET}\n`);
      if (path === `/${HOST_ASSET}.tar.gz`) return new Response(archive);
      if (path === `/tampered/${HOST_ASSET}.tar.gz`) return new Response(tampered);
      if (path === `/raw/${HOST_ASSET}`) return new Response(binary);
      return new Response("not found", { status: 404 });
    },
  });
});
afterAll(async () => {
  await server?.stop(true);
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function home() {
  const dir = mkdtempSync(join(tmpdir(), "awsmfa-ps1-home-"));
  return {
    dir,
    profile: join(dir, ".config", "powershell", "Microsoft.PowerShell_profile.ps1"),
    binary: join(dir, ".local", "bin", "awsmfa"),
  };
}

/** `irm URL/install.ps1 | iex` in pwsh, with HOME = `dir` (async: the server is in this process). */
async function install(dir: string, env: Record<string, string>) {
  const url = `http://127.0.0.1:${server!.port}`;
  const child = Bun.spawn(
    [pwsh!, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", `irm ${url}/install.ps1 | iex`],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        POWERSHELL_TELEMETRY_OPTOUT: "1",
        AWSMFA_INSTALL_BASE_URL: url,
        ...env,
      },
      stdout: "pipe",
      stderr: "pipe",
      timeout: 50_000,
    },
  );
  const [status, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { status, stdout, stderr };
}

describe.skipIf(!pwsh)("install.ps1 (irm | iex in pwsh)", () => {
  test("installs from the archive, adds the block to $PROFILE once, is idempotent, and -Uninstall restores $PROFILE byte for byte", async () => {
    const h = home();
    const before = "Set-Alias ll Get-ChildItem\r\n# no final line break, CRLF, ünïcode";
    mkdirSync(join(h.dir, ".config", "powershell"), { recursive: true });
    writeFileSync(h.profile, before);
    const first = await install(h.dir, { AWSMFA_INSTALL_YES: "1" });
    expect(first.stderr).toContain("installed awsmfa");
    expect(first.status).toBe(0);
    expect(requests).toContain(`/${HOST_ASSET}.tar.gz`);
    expect(spawnSync(h.binary, ["--version"], { encoding: "utf8" }).stdout).toMatch(/^awsmfa /);
    // The install record, as install.sh writes it: upgrade reads the mirror from it.
    const record = join(h.dir, ".local", "bin", ".awsmfa-install");
    const url = `http://127.0.0.1:${server!.port}`;
    expect(readFileSync(record, "utf8")).toBe(
      `# Written by the awsmfa installer: awsmfa upgrade downloads from here.\nmirror=${url}\n`,
    );
    expect(statSync(record).mode & 0o777).toBe(0o644);
    // Not spawnSync: the release server runs in this process.
    const upgrade = Bun.spawn([h.binary, "upgrade"], {
      env: { PATH: process.env.PATH ?? "", HOME: h.dir, NO_COLOR: "1" },
      stdout: "pipe",
      stderr: "pipe",
      timeout: 50_000,
    });
    const [upgraded, upgradeErr] = await Promise.all([
      upgrade.exited,
      new Response(upgrade.stderr).text(),
    ]);
    expect(upgradeErr).toContain(`at ${url}; nothing to do.`);
    expect(upgraded).toBe(0);
    const once = readFileSync(h.profile, "utf8");
    expect(once.startsWith(before)).toBe(true);
    expect(once).toContain(
      `& '${h.binary}' shell-init powershell | Out-String | Invoke-Expression`,
    );
    const again = await install(h.dir, { AWSMFA_INSTALL_YES: "1" });
    expect(again.status).toBe(0);
    expect(readFileSync(h.profile, "utf8")).toBe(once);
    const removed = await install(h.dir, { AWSMFA_UNINSTALL: "1" });
    expect(removed.status).toBe(0);
    expect(readFileSync(h.profile)).toEqual(Buffer.from(before));
    expect(existsSync(h.binary)).toBe(false);
    expect(existsSync(record)).toBe(false);
    rmSync(h.dir, { recursive: true, force: true });
  }, 120_000);

  test("an install folder with typographic quotes, non-ASCII, $ and a backtick: the $PROFILE line runs exactly that binary", async () => {
    const h = home();
    // PowerShell ends a single-quoted string at ‘ ’ ‚ ‛ too, not only at '.
    const dir = join(h.dir, "O‘Brien’s ‚x‛ Jürgen '$(New-Item PWNED)` bin");
    const r = await install(h.dir, { AWSMFA_INSTALL_YES: "1", AWSMFA_INSTALL_DIR: dir });
    expect(r.status).toBe(0);
    const loaded = spawnSync(
      pwsh!,
      [
        "-NoLogo",
        "-NoProfile",
        "-NonInteractive",
        "-Command",
        `. '${h.profile}'; awsmfa --version`,
      ],
      { encoding: "utf8", cwd: h.dir, env: { PATH: "/usr/bin:/bin", HOME: h.dir } },
    );
    expect({ stderr: loaded.stderr, profile: readFileSync(h.profile, "utf8") }).toEqual({
      stderr: "",
      profile: expect.any(String),
    });
    expect(loaded.stdout).toMatch(/^awsmfa /);
    expect(existsSync(join(h.dir, "PWNED"))).toBe(false);
    rmSync(h.dir, { recursive: true, force: true });
  }, 120_000);

  test("something other than a file at .awsmfa-install is left alone, with a warning; the install goes on", async () => {
    const h = home();
    const record = join(h.dir, ".local", "bin", ".awsmfa-install");
    mkdirSync(record, { recursive: true });
    const r = await install(h.dir, {});
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${record} is not a regular file; left it alone`);
    expect(statSync(record).isDirectory()).toBe(true);
    expect(existsSync(h.binary)).toBe(true);
    rmSync(h.dir, { recursive: true, force: true });
  }, 120_000);

  test("a tampered archive is refused and nothing is installed; without -Yes $PROFILE is left alone", async () => {
    const h = home();
    const url = `http://127.0.0.1:${server!.port}`;
    const bad = await install(h.dir, {
      AWSMFA_INSTALL_YES: "1",
      AWSMFA_INSTALL_BASE_URL: `${url}/tampered`,
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr + bad.stdout).toContain("does not match SHA256SUMS");
    expect(existsSync(h.binary)).toBe(false);
    expect(existsSync(h.profile)).toBe(false);
    // The raw binary when SHA256SUMS lists no archive; no answer, so no $PROFILE change.
    const raw = await install(h.dir, { AWSMFA_INSTALL_BASE_URL: `${url}/raw` });
    expect(raw.status).toBe(0);
    expect(requests).toContain(`/raw/${HOST_ASSET}`);
    expect(existsSync(h.binary)).toBe(true);
    expect(existsSync(h.profile)).toBe(false);
    expect(raw.stderr).toContain("add this line");
    rmSync(h.dir, { recursive: true, force: true });
  }, 120_000);
});

/*
 * On a terminal install.ps1 asks before it changes $PROFILE, and, as every wait, not for
 * ever: Read-Host had no deadline. A pwsh under tmux, its answer typed or not.
 */
describe.skipIf(!pwsh || !tmuxAvailable())("install.ps1's question on a terminal (tmux)", () => {
  async function onTerminal(dir: string, env: Record<string, string>) {
    const url = `http://127.0.0.1:${server!.port}`;
    const socket = `awsmfa-ps1-${process.pid}-${Math.random().toString(36).slice(2)}`;
    const full = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      TERM: "xterm-256color",
      POWERSHELL_TELEMETRY_OPTOUT: "1",
      AWSMFA_INSTALL_BASE_URL: url,
      ...env,
    };
    const run = (args: string[]) => tmux(socket, args, full);
    await run([
      "new-session",
      "-d",
      "-x",
      "220",
      "-y",
      "40",
      `'${pwsh}' -NoLogo -NoProfile -Command "irm ${url}/install.ps1 | iex; 'DONE=' + \\$?"; sleep 60`,
    ]);
    const screen = () => run(["capture-pane", "-p", "-J"]);
    const until = async (pattern: RegExp, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = await screen();
        if (pattern.test(shown)) return shown;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${shown}`);
        await sleep(100);
      }
    };
    return { run, until, stop: () => run(["kill-server"]).catch(() => undefined) };
  }

  test("unanswered for AWSMFA_QUESTION_TIMEOUT: $PROFILE left alone; typed y: the block added", async () => {
    const h = home();
    const quiet = await onTerminal(h.dir, { AWSMFA_QUESTION_TIMEOUT: "2" });
    try {
      await quiet.until(/\[y\/N\]: $/m, 60_000);
      const asked = Date.now();
      const out = await quiet.until(/DONE=/, 20_000);
      expect(Date.now() - asked).toBeGreaterThan(1_500);
      // The question names $PROFILE (\"$PROFILE?\" was a variable named PROFILE? in pwsh 7).
      expect(out).toContain(`Add the awsmfa shell integration to ${h.profile}? [y/N]`);
      expect(out).toContain("no answer within 2 s");
      expect(out).toContain("DONE=True");
      expect(existsSync(h.profile)).toBe(false);
      expect(existsSync(h.binary)).toBe(true);
    } finally {
      await quiet.stop();
    }
    const typed = await onTerminal(h.dir, {});
    try {
      await typed.until(/\[y\/N\]: $/m, 60_000);
      await typed.run(["send-keys", "-t", "0", "y", "Enter"]);
      expect(await typed.until(/DONE=/, 20_000)).toContain("DONE=True");
      expect(readFileSync(h.profile, "utf8")).toContain("shell-init powershell");
    } finally {
      await typed.stop();
      rmSync(h.dir, { recursive: true, force: true });
    }
  }, 150_000);
});
