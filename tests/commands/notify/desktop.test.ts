/**
 * The notification's texts are data: notify-send's body is markup to the servers that take
 * markup (the Desktop Notifications Specification's body-markup), so `&`, `<`, `>` in a
 * profile name are written as entities there; the summary is plain text and osascript takes
 * both as they are. No notification server runs here: the argv is read back by the markup
 * rules (the e2e test, tests/e2e/notify.test.ts, runs a stand-in notify-send).
 */
import { expect, test } from "bun:test";
import { desktopCommand, expiredNotice, markupText } from "../../../src/commands/notify/desktop.ts";

const PROFILE = "R&D <b>ops</b> &amp;";

/** What a server with body-markup shows for a body without tags: the entities read back. */
function shownBody(markup: string): string {
  expect(markup).not.toMatch(/<|&(?!amp;|lt;|gt;)/);
  return markup.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

test("notify-send: the body escaped for markup, the summary as it is", () => {
  const notice = expiredNotice(PROFILE);
  const args = desktopCommand("linux")!.args(notice.title, notice.text);
  expect(args[1]).toBe(notice.title);
  expect(shownBody(args[2]!)).toBe(notice.text);
  expect(notice.text).toContain(PROFILE);
  expect(markupText("plain `awsmfa prod`")).toBe("plain `awsmfa prod`");
});

test("osascript: both texts as they are (display notification reads no markup)", () => {
  const notice = expiredNotice(PROFILE);
  expect(desktopCommand("darwin")!.args(notice.title, notice.text).slice(-2)).toEqual([
    notice.title,
    notice.text,
  ]);
});
