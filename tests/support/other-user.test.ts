/**
 * Issue 11, item 17: a child run as another user must run in a folder the test made, not in
 * the test's working folder (the checkout may be where that user cannot look). Two checks: the
 * guard every spawn helper applies refuses anything else, and no test or CI file changes user
 * except through support/other-user.ts (whose words the guard recognises).
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { asNobody, canDropPrivileges, changesUser, checkChildCwd } from "./other-user.ts";

const root = resolve(import.meta.dir, "..", "..");
const asNobodyWords = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

describe("the guard of children run as another user", () => {
  test("no cwd, the test's own folder or a folder in the checkout: refused", () => {
    const command = [...asNobodyWords, "/bin/true"];
    expect(() => checkChildCwd(command, undefined)).toThrow(/needs cwd: a folder the test made/);
    expect(() => checkChildCwd(command, process.cwd())).toThrow(/test's own folder/);
    expect(() => checkChildCwd(command, root)).toThrow(/in the checkout/);
    expect(() => checkChildCwd(command, join(root, "tests", "fs"))).toThrow(/in the checkout/);
  });

  test("a folder the test made: accepted; a child as this user needs none", () => {
    const made = mkdtempSync(join(tmpdir(), "awsmfa-other-user-"));
    try {
      expect(() => checkChildCwd([...asNobodyWords, "/bin/true"], made)).not.toThrow();
      expect(() => checkChildCwd(["/bin/true"], undefined)).not.toThrow();
      expect(changesUser(["sh", "-c", "x", "sh", "u", "", "runuser", "-u", "x"])).toBe(true);
      expect(changesUser(["/usr/bin/env", "sh"])).toBe(false);
    } finally {
      rmSync(made, { recursive: true, force: true });
    }
  });

  test.skipIf(!canDropPrivileges)(
    "for real: a child as nobody cannot use a 0700 cwd, can use a folder the test made",
    () => {
      // What the guard prevents: a child as nobody whose working folder nobody cannot read.
      const closed = mkdtempSync(join(tmpdir(), "awsmfa-closed-")); // mode 0700, root's
      try {
        expect(statSync(closed).mode & 0o777).toBe(0o700);
        const prefix = asNobody();
        if (prefix.length === 0) {
          console.log("not root: no other user to run as; the guard tests above still ran");
          return;
        }
        const child = Bun.spawnSync([...prefix, "/bin/ls", "."], { cwd: closed });
        expect(child.exitCode).not.toBe(0);
        expect(child.stderr.toString()).toContain("Permission denied");
        const made = mkdtempSync(join(tmpdir(), "awsmfa-open-"));
        try {
          Bun.spawnSync(["chmod", "755", made]);
          const ok = Bun.spawnSync([...prefix, "/bin/sh", "-c", "pwd -P"], { cwd: made });
          expect(ok.exitCode).toBe(0);
          expect(ok.stdout.toString().trim()).toBe(made);
        } finally {
          rmSync(made, { recursive: true, force: true });
        }
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    },
  );
});

/** Every test, support and CI file, as paths relative to the checkout. */
function sources(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", "golden", "fixtures"].includes(entry.name)) walk(path);
      } else if (/\.(ts|sh|ps1)$/.test(entry.name) || dir === ".ci") found.push(path);
    }
  };
  walk("tests");
  walk(".ci");
  return found;
}

// A program that changes user, named as a string or a shell word: "setpriv", '/sbin/runuser',
// `su -`, sudo -u, --reuid=. (Not `sudo` alone: messages suggest `sudo timedatectl ...`.)
const CHANGES_USER =
  /["'`](?:\/[\w/]*\/)?(?:setpriv|runuser|su)["'`\s]|--reuid|\brunuser\s+-u\b|\b(?:sudo|doas)\s+-u\b|\bsu\s+-[cl]?\s/;
const HERE = relative(root, join(import.meta.dir, "other-user.ts"));

test("no test or CI file changes user except through support/other-user.ts", () => {
  const offenders: string[] = [];
  for (const path of sources()) {
    if (path === HERE || path === relative(root, import.meta.path)) continue;
    const lines = readFileSync(join(root, path), "utf8").split("\n");
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*|#)/.test(line)) return; // comments may say what happens
      if (CHANGES_USER.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(offenders).toEqual([]);
});
