/**
 * The text of the desktop code dialog is data, not the dialog's syntax. zenity --entry runs
 * its --text through g_strcompress (backslash escapes) and shows it with a mnemonic (an
 * underscore marks the access key and is not shown); it is not Pango markup there ("&amp;" is
 * shown as it is, by zenity 3.44). kdialog reads backslash escapes, rich text and an & mark
 * (kdialogText). A profile named with _ \ & < >, two spaces and a tab must be shown as it is
 * (the tab escaped, as on any line), and no secret may reach the dialog's argv.
 *
 * First with stand-ins for zenity and kdialog that record what they are given and answer,
 * read back with zenity's rules; then with the real zenity under Xvfb, answered by xdotool
 * (a screenshot of it is saved as an artifact: tests/support/xvfb.ts says where).
 */
import { describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LoginUser, useLoginWorld } from "../support/login-world.ts";
import { screenshot, typeInto, useXvfb, waitForWindow } from "../support/xvfb.ts";

const world = useLoginWorld();
const xvfb = useXvfb("the dialog text test");

const PROFILE = "my_team & <i>ops</i>  &amp; C:\\dev\\new\ttab";
const PROFILE_SHOWN = "my_team & <i>ops</i>  &amp; C:\\dev\\new\\x09tab";

/** What zenity --entry's label shows for `--text=value`: g_strcompress, then the mnemonic. */
function zenityShows(value: string): string {
  const escapes: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
  const compressed = value.replace(/\\([0-7]{1,3}|.)/gs, (_, c: string) =>
    /^[0-7]/.test(c) ? String.fromCharCode(Number.parseInt(c, 8)) : (escapes[c] ?? c),
  );
  // gtk_label_set_text_with_mnemonic: "__" is one underscore, a single one is dropped.
  return compressed.replace(/_(_?)/g, (_, second: string) => second);
}

/**
 * What kdialog --inputbox's label shows for TEXT, by what kdialog 22.12 was seen to do
 * (screenshots under Xvfb): its own backslash escapes (\\ is one backslash, an unknown one
 * stays), then Qt's rich text (tags, entities, <br>), then the & access-key mark (&& is one &).
 */
function kdialogShows(value: string): string {
  expect(value).toMatch(/^<qt>[^<>]*(?:<br>[^<>]*)*<\/qt>$/);
  return value
    .slice("<qt>".length, -"</qt>".length)
    .replace(/\\\\/g, "\\")
    .replace(/<br>/g, "\n")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&(&?)/g, (_, second: string) => second);
}

/** A stand-in dialog program: records argv (NUL-separated) and the text variable, answers. */
function standIn(login: LoginUser, name: string): string {
  const bin = join(login.sandbox.home, "stand-in-bin");
  mkdirSync(bin, { recursive: true });
  const log = join(login.sandbox.home, `${name}.argv`);
  writeFileSync(
    join(bin, name),
    `#!/bin/sh\nprintf '%s\\0' "$@" > '${log}'\nprintf '%s' "$AWSMFA_DIALOG_TEXT" > '${log}.env'\nprintf '%s\\n' "$ANSWER"\n`,
  );
  chmodSync(join(bin, name), 0o755);
  return bin;
}

describe("the code dialog's text", () => {
  for (const program of ["zenity", "kdialog"] as const) {
    test(`${program} (a stand-in) is given the profile as data, and no secret on argv`, async () => {
      const login = world.user({ profile: PROFILE });
      const bin = standIn(login, program);
      const code = login.code();
      const r = await login.run(["credential-process", PROFILE], {
        env: {
          ...login.sandbox.env,
          DISPLAY: ":99",
          // Only the stand-in: the real zenity in /usr/bin would be found first.
          PATH: bin,
          ANSWER: code,
        },
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const argv = readFileSync(join(login.sandbox.home, `${program}.argv`), "utf8").split("\0");
      argv.pop();
      const device = login.serial.replace(/^arn:aws:iam::/, "");
      const shown = `MFA code for ${PROFILE_SHOWN}\n(device ${device}):`;
      if (program === "zenity") {
        const text = argv.find((arg) => arg.startsWith("--text="))!.slice("--text=".length);
        expect(zenityShows(text)).toBe(shown);
      } else {
        expect(argv.slice(0, 3)).toEqual(["--title", "awsmfa", "--inputbox"]);
        expect(kdialogShows(argv[3]!)).toBe(shown);
      }
      // The environment copy (osascript and PowerShell read it) is the text itself.
      expect(readFileSync(join(login.sandbox.home, `${program}.argv.env`), "utf8")).toBe(shown);
      for (const secret of [code, login.user.secretAccessKey, login.user.accessKeyId]) {
        expect(argv.join("\n")).not.toContain(secret);
      }
    });
  }

  test.skipIf(xvfb.missing.length > 0)(
    "the real zenity under Xvfb: the dialog opens for the hostile name and its answer logs in",
    async () => {
      const login = world.user({ profile: PROFILE });
      const running = login.run(["credential-process", PROFILE], {
        env: { ...login.sandbox.env, DISPLAY: xvfb.name() },
      });
      const window = await waitForWindow(xvfb.name(), "awsmfa");
      const png = await screenshot(xvfb.name(), "otp-dialog-hostile-profile.png");
      console.log(`screenshot of the dialog for a hostile profile name: ${png}`);
      await typeInto(xvfb.name(), window, login.code(), "Return");
      const r = await running;
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).AccessKeyId).toMatch(/^ASIA/);
    },
  );
});
