/**
 * Desktop notifications: notify-send on Linux (and other Unix desktops), osascript on macOS.
 * Title and text travel as arguments, never inside a script, so no quoting is involved.
 */
import type { Deps } from "../../deps.ts";
import { loginCommandFor } from "../login-command.ts";

export interface DesktopCommand {
  program: string;
  args(title: string, text: string): string[];
}

const notifySend: DesktopCommand = {
  program: "notify-send",
  args: (title, text) => ["--app-name=awsmfa", title, text],
};

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
    title: `AWS session for ${profile} expires soon`,
    text: `${minutes} left (until ${until}). Run \`${loginCommandFor(profile)}\` for a new session.`,
  };
}

export function expiredNotice(profile: string): Notice {
  return {
    title: `AWS session for ${profile} has expired`,
    text: `Run \`${loginCommandFor(profile)}\` for a new session.`,
  };
}
