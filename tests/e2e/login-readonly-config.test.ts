/**
 * A config file awsmfa may read but not write (managed by dotfiles or Nix, a read-only
 * folder): a device found with ListMFADevices cannot be saved there, which must not stop the
 * login. It says so, says what to add, and leaves the file as it was.
 * As root, permissions do not bind, so the binary runs as `nobody` (support/other-user.ts).
 */
import { describe, expect, test } from "bun:test";
import { chmodSync, chownSync, copyFileSync, linkSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { awsmfaBinary } from "../support/binary.ts";
import { useLoginWorld } from "../support/login-world.ts";
import {
  asNobody,
  canDropPrivileges,
  checkChildCwd,
  isRoot,
  NOBODY,
} from "../support/other-user.ts";

const world = useLoginWorld();
const canDrop = canDropPrivileges;
if (!canDrop) console.log("skipped: needs a non-root user, or root with setpriv");

/** Makes `home` the user's (nobody's, as root) except ~/.aws, which they may only read. */
function readOnlyAws(home: string): void {
  const aws = join(home, ".aws");
  if (isRoot) {
    for (const path of [home, join(home, "bin")]) chownSync(path, NOBODY, NOBODY);
    for (const file of ["config", "credentials"]) chmodSync(join(aws, file), 0o644);
    chmodSync(aws, 0o755); // root's: readable, not writable, by nobody
  } else {
    chmodSync(aws, 0o555);
  }
}

/** The test binary, where `nobody` can run it (a hard link costs nothing; else a copy). */
async function binaryIn(folder: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, "awsmfa");
  try {
    linkSync(await awsmfaBinary(), path);
  } catch {
    copyFileSync(await awsmfaBinary(), path);
  }
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(!canDrop)("login with a config awsmfa cannot write", () => {
  test("a discovered device is used; not saving it is a note, not an error", async () => {
    const { code, sandbox, user } = world.user({ serial: false });
    const binary = await binaryIn(join(sandbox.home, "bin"));
    readOnlyAws(sandbox.home);
    const before = sandbox.readConfig();
    const command = [...asNobody(), binary, "prod", "--no-write", "--otp", code()];
    const cwd = join(sandbox.home, "bin"); // a folder the test made, readable by nobody too
    checkChildCwd(command, cwd);
    const child = Bun.spawn(command, {
      env: sandbox.env,
      cwd,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    const [status, stdout, stderr] = await Promise.all([
      child.exited,
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
    ]);
    chmodSync(join(sandbox.home, ".aws"), 0o755); // so the sandbox can be removed
    const serial = user.devices[0]!.serial;
    expect(stderr).toContain(`Found MFA device ${serial}`);
    expect(stderr).toContain("Could not save mfa_serial for prod: Cannot write");
    expect(stderr).toContain(`set mfa_serial = ${serial} for the profile in ${sandbox.configPath}`);
    expect(stderr).toContain("New session for prod");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^export AWS_SESSION_TOKEN='/m);
    expect(sandbox.readConfig()).toBe(before);
  });
});
