/**
 * Running a child as another user (`nobody`, through setpriv, when the tests run as root: root
 * ignores permissions, so read-only cases need a user they bind). The one place tests get the
 * words that drop privileges, and the guard every spawn helper applies to them.
 *
 * Such a child must run in a folder the test made (issue 11, item 17): it inherits the working
 * folder, and the checkout may sit where that user cannot look (a clone in a 0700 `mktemp -d`);
 * Bun then fails before it starts (CouldntReadCurrentDirectory), and `sh` runs with a folder it
 * cannot name. So a child as another user without an explicit `cwd`, or with one in the
 * checkout, is refused here, loudly, whatever the checkout's permissions on this machine.
 * tests/support/other-user.test.ts checks that no test drops privileges any other way.
 */
import { isAbsolute, relative, resolve } from "node:path";

export const NOBODY = 65534;
export const isRoot = process.getuid?.() === 0;
const setpriv = Bun.which("setpriv");

/** True when a test can run a child as a user that permissions bind (root with setpriv, or not root). */
export const canDropPrivileges = process.platform !== "win32" && (!isRoot || setpriv !== null);

/** The words before a command that run it as `nobody` (as root); none when not root. */
export function asNobody(): string[] {
  if (!isRoot) return [];
  if (!setpriv) throw new Error("running as another user needs setpriv (util-linux)");
  return [setpriv, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups"];
}

const checkout = resolve(import.meta.dir, "..", "..");
const DROPPERS = /(^|\/)(setpriv|runuser|su|sudo|doas|chroot)$/;

/** Whether `command` changes user somewhere (a word is setpriv, runuser, su, sudo...). */
export function changesUser(command: readonly string[]): boolean {
  return command.some((word) => DROPPERS.test(word));
}

/**
 * Throws unless a child that changes user gets an explicit working folder outside the checkout
 * and other than the test's own (which is in the checkout, or anywhere at all).
 */
export function checkChildCwd(command: readonly string[], cwd: string | undefined): void {
  if (!changesUser(command)) return;
  const words = command.slice(0, 6).join(" ");
  if (cwd === undefined) {
    throw new Error(`${words}...: a child run as another user needs cwd: a folder the test made`);
  }
  const where = resolve(cwd);
  const inside = relative(checkout, where);
  if (where === resolve(process.cwd()) || !(inside.startsWith("..") || isAbsolute(inside))) {
    throw new Error(
      `${words}...: cwd ${where} is the test's own folder or in the checkout, which another user may not be able to read`,
    );
  }
}
