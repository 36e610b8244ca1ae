/**
 * A full disk (issue 11, item 15): a failed write must still clean up. Releasing a lock used
 * to need a claim file with text in it, which cannot be written on a full disk, so the lock
 * stayed and every later command waited for it. Cleaning up must need no free space.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as realFs from "node:fs/promises";
import { join } from "node:path";
import { stage } from "../../src/commands/upgrade/replace.ts";
import { UserError } from "../../src/errors.ts";
import { withFileLock } from "../../src/fs/lock.ts";
import { updateFile } from "../../src/fs/update.ts";
import { canMountTmpfs, type FullDisk, mountSmallDisk } from "./support/full-disk.ts";

const disks: FullDisk[] = [];
afterAll(() => {
  for (const disk of disks) disk.unmount();
});

function disk(): FullDisk {
  const made = mountSmallDisk();
  disks.push(made);
  return made;
}

describe.skipIf(!canMountTmpfs)("a full disk", () => {
  if (!canMountTmpfs) console.log("SKIPPED LOUDLY: mounting a tmpfs needs root on Linux");

  test("a lock taken before the disk filled up is released, with no claim or temp file left", async () => {
    const d = disk();
    const path = join(d.dir, "credentials");
    writeFileSync(path, "[default]\nkeep = me\n");
    const error = await withFileLock(realFs, path, async () => {
      d.fill();
      throw new Error("the write failed: ENOSPC");
    }).catch((e) => e);
    expect(error.message).toBe("the write failed: ENOSPC");
    expect(readdirSync(d.dir).sort()).toEqual(["credentials", "fill"]);
  });

  test("an update on a full disk fails clearly and leaves the file, no lock, no claim, no temp", async () => {
    const d = disk();
    const path = join(d.dir, "credentials");
    writeFileSync(path, "[default]\nkeep = me\n");
    d.fill();
    const error = await updateFile(
      realFs,
      path,
      (text) => `${text}new = ${"x".repeat(8000)}\n`,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(readFileSync(path, "utf8")).toBe("[default]\nkeep = me\n");
    expect(readdirSync(d.dir).sort()).toEqual(["credentials", "fill"]);
    // Once there is space again, the next writer is not held up by anything left behind.
    d.free();
    await updateFile(realFs, path, (text) => `${text}new = 1\n`, { timeoutMs: 1000 });
    expect(readFileSync(path, "utf8")).toBe("[default]\nkeep = me\nnew = 1\n");
  });

  test("upgrade's staged binary that does not fit is removed, not left half-written", async () => {
    const d = disk();
    const self = join(d.dir, "awsmfa");
    writeFileSync(self, "old binary\n");
    d.fill();
    const error = await stage(self, new Uint8Array(200_000), 4242).catch((e) => e);
    expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    expect(readdirSync(d.dir).sort()).toEqual(["awsmfa", "fill"]);
    expect(readFileSync(self, "utf8")).toBe("old binary\n");
  });
});
