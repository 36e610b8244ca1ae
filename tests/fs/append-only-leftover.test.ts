/**
 * A folder that lets files be created but not removed (chattr +a on Linux, an append-only
 * ~/.aws): the new file is written beside the old one, the rename is refused (EPERM), and so
 * is the removal of the new file. That file holds the whole new text (long-term keys and the
 * new session): left behind, it is emptied, so no copy of the secrets stays where nobody was
 * told of it, and the error names the folder, not the file. Injected (rename and rm refused) everywhere; with a real chattr +a folder where
 * chattr works (root on ext4, xfs, btrfs), else that case is skipped and says why.
 */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as nodeFs from "node:fs/promises";
import { join } from "node:path";
import type { FileSystem } from "../../src/deps.ts";
import type { UserError } from "../../src/errors.ts";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { chattr, chattrWorks } from "./support/chattr.ts";
import { scratchDir } from "./support/scratch.ts";

const SECRET = "new = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

function eperm(syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EPERM: operation not permitted, ${syscall} '${path}'`), {
    code: "EPERM",
    errno: -1,
    syscall,
    path,
  });
}

/** Every file left in `dir` but `keep`, with its text. */
function leftTexts(dir: string, keep: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== keep)
    .map((name) => readFileSync(join(dir, name), "utf8"));
}

test("rename and removal refused (injected): the new file left behind holds no secret", async () => {
  const dir = scratchDir("append-only-injected");
  const path = join(dir, "credentials");
  writeFileSync(path, "[default]\nkeep = me\n");
  const fs = {
    ...nodeFs,
    rename: async (from: string) => {
      throw eperm("rename", from);
    },
    rm: async (target: string) => {
      throw eperm("unlink", target);
    },
  } as unknown as FileSystem;
  const error = await writeFileAtomic(fs, path, SECRET).catch((e: unknown) => e);
  expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe("EPERM");
  expect((error as Error).message).toBe(
    `Cannot replace ${path}: its folder ${dir} lets files be added but none be replaced or removed (operation not permitted).`,
  );
  // The path in the hint is marked as pasteable (errors.ts), so checked apart from the command
  expect((error as UserError).hint).toContain("lsattr -d ");
  expect((error as UserError).hint).toContain("chattr -a ");
  expect((error as UserError).hint).toContain(dir);
  expect((error as UserError).hint).not.toContain("wJalrXUtnFEMI");
  expect(readFileSync(path, "utf8")).toBe("[default]\nkeep = me\n");
  const left = leftTexts(dir, "credentials");
  expect(left.length).toBe(1);
  expect(left).toEqual([""]);
});

const available = chattrWorks("a", "folder");
if (!available)
  console.warn(
    "append-only-leftover.test.ts: the chattr +a case is skipped, chattr +a is unavailable here (needs root and ext4/xfs/btrfs)",
  );

test.skipIf(!available)(
  "a real append-only folder (chattr +a): the file unchanged, what is left holds no secret (skipped without chattr +a)",
  async () => {
    const dir = scratchDir("append-only");
    const path = join(dir, "credentials");
    writeFileSync(path, "[default]\nkeep = me\n");
    expect(chattr("+a", dir)).toBe(true);
    let left: string[];
    try {
      const error = await writeFileAtomic(nodeFs as unknown as FileSystem, path, SECRET).catch(
        (e: unknown) => e,
      );
      expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe("EPERM");
      expect((error as Error).message).toContain(`its folder ${dir} lets files be added`);
      left = leftTexts(dir, "credentials");
    } finally {
      chattr("-a", dir);
    }
    expect(readFileSync(path, "utf8")).toBe("[default]\nkeep = me\n");
    expect(left.length).toBe(1);
    expect(left.join("")).not.toContain("wJalrXUtnFEMI");
  },
);
