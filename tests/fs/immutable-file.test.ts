/**
 * A real immutable file (chattr +i): the rename over it fails with EPERM while its folder is
 * writable, and the error names the file and lsattr, not the folder's permissions. chattr needs
 * root and a file system with attributes (ext4, xfs, btrfs): elsewhere the test is skipped, and
 * says why; the same wording is checked everywhere with an injected EPERM (write-errors.test.ts).
 */
import { expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import { UserError } from "../../src/errors.ts";
import { updateFile } from "../../src/fs/update.ts";
import { chattr, chattrWorks } from "./support/chattr.ts";
import { leftovers, scratchDir } from "./support/scratch.ts";

const available = chattrWorks("i", "file");
if (!available)
  console.warn(
    "immutable-file.test.ts: skipped, chattr +i is unavailable here (needs root and ext4/xfs/btrfs)",
  );

test.skipIf(!available)(
  "an immutable credentials file: the error names the file and lsattr, the file unchanged (skipped without chattr +i)",
  async () => {
    const dir = scratchDir("immutable");
    const path = join(dir, "credentials");
    writeFileSync(path, "[default]\nkeep = me\n");
    expect(chattr("+i", path)).toBe(true);
    try {
      const error = await updateFile(
        nodeFs as unknown as FileSystem,
        path,
        () => "new = 1\n",
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toBe(
        `Cannot replace ${path}: the system does not let it be changed (operation not permitted), though awsmfa could create a file in its folder.`,
      );
      expect((error as UserError).hint).toContain("lsattr");
      expect(((error as UserError).cause as NodeJS.ErrnoException).code).toBe("EPERM");
    } finally {
      chattr("-i", path);
    }
    expect(readFileSync(path, "utf8")).toBe("[default]\nkeep = me\n");
    expect(leftovers(dir, "credentials")).toEqual([]);
  },
);
