/**
 * The installer refusing, asking and choosing: a tampered binary and a cut-off script install
 * nothing; without a terminal it does not touch start-up files unless told to; unsupported
 * systems get a clear message; a pinned version must be the one served; wget and shasum work
 * where curl and sha256sum are missing; on a terminal it asks first.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { type ShellSession, startShell, tmuxAvailable } from "../support/tmux.ts";
import { type Home, makeHome, pipeInstaller, snapshot } from "./support/home.ts";
import { HOST_ASSET, type ReleaseServer, startReleaseServer } from "./support/release-server.ts";

let server: ReleaseServer;
const homes: Home[] = [];
const folders: string[] = [];
beforeAll(async () => {
  server = await startReleaseServer();
});
afterAll(async () => {
  await server?.stop();
  for (const home of homes) home.cleanup();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function bashUser(extra: Record<string, string> = {}): Home {
  const home = makeHome("/bin/bash", { AWSMFA_INSTALL_BASE_URL: server.url, ...extra });
  writeFileSync(join(home.path, ".bashrc"), "# mine\n");
  homes.push(home);
  return home;
}

const run = (home: Home, args: string[], script = "install.sh") =>
  pipeInstaller({ url: `${server.url}/${script}`, interpreter: ["sh"], args, env: home.env });

const binaryDownloads = () => server.requests.filter((r) => r.path.endsWith(HOST_ASSET)).length;

/** A PATH folder holding links to exactly these programs (and a few fakes). */
function toolFolder(programs: string[], fakes: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "awsmfa-tools-"));
  folders.push(folder);
  for (const program of programs) {
    const path = Bun.which(program);
    if (path && !(program in fakes)) symlinkSync(path, join(folder, program));
  }
  // "wx": a fake is a new file, never written through a link to the real program.
  for (const [name, script] of Object.entries(fakes)) {
    writeFileSync(join(folder, name), `#!/bin/sh\n${script}\n`, { mode: 0o755, flag: "wx" });
  }
  return folder;
}

const BASICS = ["sh", "uname", "mkdir", "cp", "chmod", "mv", "rm", "rmdir", "grep", "awk"];
const MORE = ["tail", "cat", "cut", "dirname", "mktemp", "tar", "gzip"];

describe("the installer refuses", () => {
  test("a binary that does not match SHA256SUMS: nothing installed, nothing changed", async () => {
    const home = bashUser({ AWSMFA_INSTALL_BASE_URL: `${server.url}/tampered` });
    const before = snapshot(home.path);
    const r = await run(home, ["--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the download of ${HOST_ASSET} does not match its checksum`);
    expect(r.stderr).toContain("nothing was installed");
    expect(snapshot(home.path)).toEqual(before);
  });

  test("a script cut off halfway runs nothing", async () => {
    const home = bashUser();
    const before = snapshot(home.path);
    const downloads = binaryDownloads();
    const r = await run(home, ["--yes"], "cut/install.sh");
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(binaryDownloads()).toBe(downloads);
    expect(snapshot(home.path)).toEqual(before);
  });

  test.each([
    ["FreeBSD", "x86_64", "there is no awsmfa build for FreeBSD"],
    ["MINGW64_NT-10.0", "x86_64", "on Windows, use install.ps1"],
    ["Linux", "riscv64", "there is no awsmfa build for the riscv64 processor"],
  ])("an unsupported system (%s, %s), with a clear message", async (system, machine, message) => {
    const tools = toolFolder([...BASICS, ...MORE, "curl", "sha256sum"], {
      uname: `case "$1" in -s) echo '${system}' ;; -m) echo '${machine}' ;; esac`,
    });
    const home = bashUser({ PATH: `${tools}:${process.env.PATH}` });
    const before = snapshot(home.path);
    const downloads = binaryDownloads();
    const r = await run(home, ["--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("https://github.com/awsmfa/awsmfa/releases");
    expect(binaryDownloads()).toBe(downloads);
    expect(snapshot(home.path)).toEqual(before);
  });

  test("a pinned version that the mirror does not serve", async () => {
    const home = bashUser();
    const before = snapshot(home.path);
    const r = await run(home, ["--version", "v9.9.9", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`served 'awsmfa ${pkg.version} `);
    expect(r.stderr).toContain("not v9.9.9; nothing was installed");
    expect(snapshot(home.path)).toEqual(before);
  });

  test.each([
    [["--base-url", "http://example.com/awsmfa"], "must start with https://"],
    [["--version", "latest"], "is not a version such as v1.2.3"],
    [["--prefix"], "--prefix needs a value"],
    [["--frobnicate"], "unknown option '--frobnicate'"],
  ])("bad options %p before any download", async (args, message) => {
    const home = bashUser();
    const downloads = binaryDownloads();
    const r = await run(home, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(binaryDownloads()).toBe(downloads);
  });
});

describe("the installer chooses", () => {
  test("without a terminal and without --yes it prints the line and leaves .bashrc alone", async () => {
    const home = bashUser();
    const r = await run(home, []);
    expect(r.code).toBe(0);
    const binary = join(home.path, ".local", "bin", "awsmfa");
    expect(existsSync(binary)).toBe(true);
    const rc = join(home.path, ".bashrc");
    expect(r.stdout).toContain(`add this line to ${rc} (or run again with --yes):`);
    expect(r.stdout).toContain(
      `  if [ -x '${binary}' ]; then eval "$('${binary}' shell-init bash)"; fi`,
    );
    expect(readFileSync(rc, "utf8")).toBe("# mine\n");
  });

  test("--no-modify-rc wins over --yes; --prefix and a matching --version are honoured", async () => {
    const home = bashUser();
    const prefix = join(home.path, "opt");
    const r = await run(home, [
      "--yes",
      "--no-modify-rc",
      "--prefix",
      prefix,
      "--version",
      pkg.version,
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(join(prefix, "bin", "awsmfa"))).toBe(true);
    expect(readFileSync(join(home.path, ".bashrc"), "utf8")).toBe("# mine\n");
    expect(r.stdout).toContain(`Installed awsmfa ${pkg.version} `);
    // The install record next to the binary: `awsmfa upgrade` downloads from the same mirror.
    const record = readFileSync(join(prefix, "bin", ".awsmfa-install"), "utf8");
    expect(record).toContain(`\nmirror=${server.url}\n`);
  });

  test("without tar it says so before downloading anything", async () => {
    const tools = toolFolder([...BASICS, ...MORE.filter((p) => p !== "tar"), "curl", "sha256sum"]);
    const home = bashUser();
    const before = snapshot(home.path);
    const downloads = binaryDownloads();
    const r = await pipeInstaller({
      url: `${server.url}/install.sh`,
      interpreter: ["sh"],
      args: ["--yes"],
      env: home.env,
      installerPath: tools,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("needs tar to unpack the download");
    expect(binaryDownloads()).toBe(downloads);
    expect(snapshot(home.path)).toEqual(before);
  });

  test("wget and shasum when curl and sha256sum are missing (`wget -qO- ... | sh`)", async () => {
    const tools = toolFolder([...BASICS, ...MORE, "wget", "shasum"]);
    const home = bashUser();
    const agentsBefore = server.requests.length;
    const r = await pipeInstaller({
      url: `${server.url}/install.sh`,
      interpreter: ["sh"],
      args: ["--yes"],
      env: home.env,
      fetch: "wget",
      installerPath: tools,
    });
    expect(r.stderr).not.toContain("not found");
    expect(r.code).toBe(0);
    const agents = server.requests.slice(agentsBefore).map((request) => request.agent);
    expect(agents).toHaveLength(3); // the script, the archive, SHA256SUMS
    for (const agent of agents) expect(agent).toMatch(/wget/i);
    expect(existsSync(join(home.path, ".local", "bin", "awsmfa"))).toBe(true);
  });
});

describe.skipIf(!tmuxAvailable())("on a terminal", () => {
  let shell: ShellSession | undefined;
  afterEach(async () => {
    await shell?.close();
    shell = undefined;
  });

  test("it asks before changing .bashrc: no leaves it, yes adds the line", async () => {
    const home = bashUser();
    shell = await startShell("bash", { home: home.path, env: home.env });
    const rc = join(home.path, ".bashrc");
    const pipe = `curl -fsSL ${server.url}/install.sh | sh`;
    await shell.start(pipe);
    await shell.waitFor(`Load the awsmfa shell integration from ${rc}? [Y/n]`, 15_000);
    await shell.type("n");
    await shell.press("Enter");
    expect(await shell.finish(15_000)).toContain("add this line to");
    expect(readFileSync(rc, "utf8")).toBe("# mine\n");
    await shell.start(pipe);
    await shell.waitFor(/\[Y\/n\]$/m, 15_000);
    await shell.press("Enter"); // the default is yes
    expect(await shell.finish(15_000)).toContain(`Added the shell integration to ${rc}.`);
    expect(readFileSync(rc, "utf8")).toContain("# >>> awsmfa shell integration >>>");
  }, 30_000);

  // Every wait has a deadline: the question gave none, and waited for ever.
  test("unanswered for AWSMFA_QUESTION_TIMEOUT: .bashrc left alone, installed, nothing left running", async () => {
    const home = bashUser({ AWSMFA_QUESTION_TIMEOUT: "2s" });
    shell = await startShell("bash", { home: home.path, env: home.env });
    const rc = join(home.path, ".bashrc");
    await shell.start(`curl -fsSL ${server.url}/install.sh | sh; echo "rc=$?"`);
    await shell.waitFor(`Load the awsmfa shell integration from ${rc}? [Y/n]`, 15_000);
    const asked = Date.now();
    const out = await shell.finish(15_000);
    expect(Date.now() - asked).toBeGreaterThan(1_500);
    expect(out).toContain(`No answer within 2 s: ${rc} was left as it is.`);
    expect(out).toContain("add this line to");
    expect(out).toContain("rc=0");
    expect(readFileSync(rc, "utf8")).toBe("# mine\n");
    expect(existsSync(join(home.path, ".local", "bin", "awsmfa"))).toBe(true);
    // The deadline's sleep and the reader are gone: the shell's next command runs alone.
    expect(await shell.run("ps -o comm= -t \"$(tty)\" | grep -c '^sleep' || true")).toContain("0");
  }, 30_000);
});
if (!tmuxAvailable()) console.log("skipping the installer's question on a terminal: no tmux");
