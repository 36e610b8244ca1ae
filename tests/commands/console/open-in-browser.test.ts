/**
 * openInBrowser with a stand-in opener: on macOS/Windows the opener gets the path of a private
 * page, never the address (nor the sign-in URL); the page leads to the one-time address, which
 * redirects once. On Linux a request whose user cannot be checked is refused (fails closed);
 * success is never claimed without the redirect having been served.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openInBrowser } from "../../../src/commands/console/browser.ts";
import type { ExecResult } from "../../../src/deps.ts";
import { pasteable, UserError } from "../../../src/errors.ts";
import { asNobody, canDropPrivileges, checkChildCwd, isRoot } from "../../support/other-user.ts";
import { testDeps } from "../../support/test-deps.ts";

const SECRET = "https://signin.example/federation?Action=login&SigninToken=SECRET-TOKEN";
const ok: ExecResult = { code: 0, signal: null, stdout: "", stderr: "", timedOut: false };
const asRoot = process.platform === "linux" && isRoot && canDropPrivileges;
if (!asRoot) console.log("SKIPPED: reading the page as another user needs Linux, root, setpriv");

describe.each(["darwin", "win32"] as const)(
  "on %s: a private page, no address on argv",
  (platform) => {
    test("the opener gets a page path; the page leads to the one-time redirect; then it is gone", async () => {
      const temp = await mkdtemp(join(tmpdir(), "awsmfa-handoff-"));
      let argv: readonly string[] = [];
      let followed: Response | undefined;
      let pageText = "";
      const { deps, stderr } = testDeps({
        platform,
        env: platform === "darwin" ? { TMPDIR: temp } : { TEMP: temp },
        exec: async (_file, args) => {
          argv = args;
          const page = args.at(-1)!;
          pageText = readFileSync(page, "utf8");
          expect(statSync(page).mode & 0o777).toBe(0o600);
          expect(statSync(dirname(page)).mode & 0o777).toBe(0o700);
          if (asRoot) {
            const command = [...asNobody(), "cat", page];
            checkChildCwd(command, "/");
            const thief = Bun.spawnSync(command, { cwd: "/" });
            expect(thief.exitCode).not.toBe(0);
            expect(thief.stdout.toString()).toBe("");
          }
          const address = /location\.replace\("([^"]+)"\)/.exec(pageText)![1]!;
          followed = await fetch(address, { redirect: "manual" });
          return ok;
        },
      });
      try {
        await openInBrowser(SECRET, "prod admin", deps, 5000);
        expect(argv.join(" ")).not.toContain("127.0.0.1");
        expect(argv.join(" ")).not.toContain("SECRET-TOKEN");
        expect(argv.at(-1)!.startsWith(temp)).toBe(true);
        expect(pageText).not.toContain("SECRET-TOKEN");
        expect(followed!.status).toBe(302);
        expect(followed!.headers.get("location")).toBe(SECRET);
        expect(existsSync(dirname(argv.at(-1)!))).toBe(false);
        expect(stderr()).toBe("");
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    });

    test("an opener that returns but no browser asks: an error by the deadline, the page removed", async () => {
      const temp = await mkdtemp(join(tmpdir(), "awsmfa-handoff-"));
      let page = "";
      const { deps } = testDeps({
        platform,
        env: { TMPDIR: temp, TEMP: temp },
        exec: async (_file, args) => {
          page = args.at(-1)!;
          return ok;
        },
      });
      try {
        const error = await openInBrowser(SECRET, "prod admin", deps, 300).catch((e) => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).toContain("The browser did not open the sign-in link within");
        // Marked for the shell's quoting when printed (the e2e tests see it quoted).
        expect(error.hint).toContain(`awsmfa console ${pasteable("prod admin")} --print`);
        expect(existsSync(dirname(page))).toBe(false);
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    });
  },
);

test("on Linux, a request whose user cannot be checked is refused: no redirect, no success", async () => {
  let answer: Response | undefined;
  const { deps, stderr } = testDeps({
    platform: "linux", // and no uid: the owner cannot be compared
    exec: async (_file, args) => {
      answer = await fetch(args.at(-1)!, { redirect: "manual" });
      return ok;
    },
  });
  const error = await openInBrowser(SECRET, "prod", deps, 500).catch((e) => e);
  expect(answer!.status).toBe(403);
  expect(answer!.headers.get("location")).toBeNull();
  expect(await answer!.text()).not.toContain("SECRET-TOKEN");
  expect(stderr()).toContain(
    "Refused the sign-in link to a program whose user could not be checked (our own uid is not known); still waiting for your browser.",
  );
  expect(error).toBeInstanceOf(UserError);
  expect(error.code).toBe("config");
  expect(error.message).toContain("it was refused once to programs not known to be yours");
});
