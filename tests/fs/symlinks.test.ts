/**
 * Dotfile managers make ~/.aws/credentials a symbolic link. Writes go through to the final
 * target and the links stay links, pointing where they pointed.
 */
import { describe, expect, test } from "bun:test";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import * as fs from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { writeFileAtomic } from "../../src/fs/atomic-write.ts";
import { updateFile } from "../../src/fs/update.ts";
import { leftovers, modeOf, onWindows, scratchDir } from "./support/scratch.ts";

interface Layout {
  /** The path awsmfa is given. */
  path: string;
  /** The file that must receive the text. */
  target: string;
  /** Every link and what it must still say afterwards. */
  links: [string, string][];
  dirs: string[];
}

/** Builds a home folder with ~/.aws/credentials linked into a dotfiles folder. */
const layouts: [string, (root: string) => Layout][] = [
  [
    "absolute link",
    (root) => {
      const target = join(root, "dotfiles", "aws", "credentials");
      const path = join(root, "home", "credentials");
      return { path, target, links: [[path, target]], dirs: [] };
    },
  ],
  [
    "relative link",
    (root) => {
      const path = join(root, "home", "credentials");
      return {
        path,
        target: join(root, "dotfiles", "aws", "credentials"),
        links: [[path, "../dotfiles/aws/credentials"]],
        dirs: [],
      };
    },
  ],
  [
    "chain of links, relative then absolute then relative",
    (root) => {
      const path = join(root, "home", "credentials");
      const hop1 = join(root, "stow", "credentials");
      const hop2 = join(root, "dotfiles", "current");
      return {
        path,
        target: join(root, "dotfiles", "aws", "credentials"),
        links: [
          [path, "../stow/credentials"],
          [hop1, hop2],
          [hop2, "aws/credentials"],
        ],
        dirs: [join(root, "stow")],
      };
    },
  ],
];

function build(root: string, layout: Layout, existing: string | null) {
  for (const dir of ["home", "dotfiles/aws"]) mkdirSync(join(root, dir), { recursive: true });
  for (const dir of layout.dirs) mkdirSync(dir, { recursive: true });
  for (const [link, to] of layout.links) symlinkSync(to, link);
  if (existing !== null) writeFileSync(layout.target, existing);
}

function expectLinksKept(layout: Layout) {
  for (const [link, to] of layout.links) expect(readlinkSync(link)).toBe(to);
}

describe.skipIf(onWindows)("symbolic links", () => {
  if (onWindows) console.log("skipped: symbolic links need privileges on Windows");

  test.each(layouts)("%s: written through, link kept, mode kept", async (_label, make) => {
    const root = scratchDir("links");
    const layout = make(root);
    build(root, layout, "old\n");
    await fs.chmod(layout.target, 0o640);
    await writeFileAtomic(fs, layout.path, "new\n");
    expect(readFileSync(layout.target, "utf8")).toBe("new\n");
    expect(modeOf(layout.target)).toBe(0o640);
    expectLinksKept(layout);
    expect(leftovers(join(root, "home"), "credentials")).toEqual([]);
    expect(leftovers(join(root, "dotfiles", "aws"), "credentials")).toEqual([]);
  });

  test.each(layouts)("%s, dangling: the target is created 0600", async (_label, make) => {
    const root = scratchDir("links");
    const layout = make(root);
    build(root, layout, null);
    await writeFileAtomic(fs, layout.path, "first\n");
    expect(readFileSync(layout.target, "utf8")).toBe("first\n");
    expect(modeOf(layout.target)).toBe(0o600);
    expectLinksKept(layout);
  });

  test.each(layouts)("%s: updateFile reads through and locks the target", async (_l, make) => {
    const root = scratchDir("links");
    const layout = make(root);
    build(root, layout, "a\n");
    const locks: boolean[] = [];
    const result = await updateFile(fs, layout.path, (text) => {
      locks.push(existsSync(`${layout.target}.lock`), existsSync(`${layout.path}.lock`));
      return `${text}b\n`;
    });
    expect(locks).toEqual([true, false]);
    expect(result).toEqual({ changed: true, text: "a\nb\n" });
    expect(readFileSync(layout.target, "utf8")).toBe("a\nb\n");
    expectLinksKept(layout);
    expect(leftovers(join(root, "dotfiles", "aws"), "credentials")).toEqual([]);
  });

  test("a dangling link into a missing folder creates the folder 0700", async () => {
    const root = scratchDir("links");
    const path = join(root, "credentials");
    const target = join(root, "dotfiles", "private", "credentials");
    symlinkSync(target, path);
    await writeFileAtomic(fs, path, "x\n");
    expect(readFileSync(target, "utf8")).toBe("x\n");
    expect(modeOf(join(root, "dotfiles"))).toBe(0o700);
    expect(readlinkSync(path)).toBe(target);
  });

  test("a link loop is a UserError and nothing is written", async () => {
    const root = scratchDir("links");
    symlinkSync("b", join(root, "a"));
    symlinkSync("a", join(root, "b"));
    const error = await writeFileAtomic(fs, join(root, "a"), "x").catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain("too many symbolic links");
    expect(leftovers(root, "a", "b")).toEqual([]);
  });

  test("a link to a folder is refused", async () => {
    const root = scratchDir("links");
    mkdirSync(join(root, "folder"));
    symlinkSync("folder", join(root, "credentials"));
    const error = await writeFileAtomic(fs, join(root, "credentials"), "x").catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(`${join(root, "credentials")} is a folder, not a file.`);
    expect(readlinkSync(join(root, "credentials"))).toBe("folder");
  });
});
