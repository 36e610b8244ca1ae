/**
 * Desktop notifications: notify-send on Linux (and other Unix desktops), osascript on macOS.
 * Title and text travel as arguments, never inside a script, so no shell quoting is involved;
 * notify-send's body is markup, so it is escaped for that (markupText).
 */
import type { Deps } from "../../deps.ts";
import { printableInLine } from "../../system/printable.ts";
import { loginCommandFor } from "../login-command.ts";

export interface DesktopCommand {
  program: string;
  args(title: string, text: string): string[];
}

const notifySend: DesktopCommand = {
  program: "notify-send",
  // The body is markup to the notification servers that say so (body-markup in the Desktop
  // Notifications Specification: GNOME Shell, KDE Plasma, dunst, mako...): a `<b>` or `&` in
  // a profile name would be read as a tag or an entity. The summary is plain text.
  args: (title, text) => ["--app-name=awsmfa", title, markupText(text)],
};

/** `text` as notification body markup that shows exactly `text`. */
export function markupText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const osascript: DesktopCommand = {
  program: "osascript",
  args: (title, text) => [
    "-e",
    "on run argv",
    "-e",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "-e",
    "end run",
    title,
    text,
  ],
};

/** The notifier for this platform, or undefined where awsmfa has none (Windows). */
export function desktopCommand(platform: Deps["platform"]): DesktopCommand | undefined {
  if (platform === "darwin") return osascript;
  if (platform === "win32") return undefined;
  return notifySend;
}

export interface Notice {
  title: string;
  text: string;
}

export function soonNotice(profile: string, minutesLeft: number, until: string): Notice {
  const minutes = minutesLeft === 1 ? "1 minute" : `${minutesLeft} minutes`;
  return {
    title: `AWS session for ${printableInLine(profile)} expires soon`,
    text: `${minutes} left (until ${until}). Run \`${loginCommandFor(profile)}\` for a new session.`,
  };
}

export function expiredNotice(profile: string): Notice {
  return {
    title: `AWS session for ${printableInLine(profile)} has expired`,
    text: `Run \`${loginCommandFor(profile)}\` for a new session.`,
  };
}
