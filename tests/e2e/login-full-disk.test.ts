/**
 * A full disk under ~/.aws (issue 11, item 15): login fails with exit 3 and a clear message,
 * and leaves ~/.aws as it was: no credentials.lock (its release used to need a claim file that
 * cannot be written on a full disk, so every later command waited for it), no claim, no temp.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canMountTmpfs, mountSmallDisk } from "../fs/support/full-disk.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();

describe.skipIf(!canMountTmpfs)("login on a full disk", () => {
  if (!canMountTmpfs) console.log("SKIPPED LOUDLY: mounting a tmpfs needs root on Linux");

  test("exit 3, the files as they were, no lock or claim left; the next login is not held up", async () => {
    const { run, code, sandbox } = world.user();
    const aws = join(sandbox.home, ".aws");
    const credentials = readFileSync(sandbox.credentialsPath, "utf8");
    const config = readFileSync(join(aws, "config"), "utf8");
    const disk = mountSmallDisk(aws);
    try {
      await fullDiskLogin();
    } finally {
      disk.unmount();
    }
    async function fullDiskLogin() {
      writeFileSync(sandbox.credentialsPath, credentials, { mode: 0o600 });
      writeFileSync(join(aws, "config"), config, { mode: 0o600 });
      disk.fill();
      const r = await run(["login", "prod", "--otp", code(), "--format", "fish"]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("no space left on the device");
      expect(readdirSync(aws).sort()).toEqual(["config", "credentials", "fill"]);
      expect(readFileSync(sandbox.credentialsPath, "utf8")).toBe(credentials);
      disk.free();
      const again = await run(["login", "prod", "--format", "fish"], { timeoutMs: 20_000 });
      expect(again.stderr).not.toContain("Waiting");
      expect(again.code).toBe(0);
    }
  });
});
