/**
 * awsmfa _notify (hidden): the notification timer that `login --notify` starts in the
 * background. Not for people; its options are checked anyway, since argv is input.
 */
import { Command } from "@commander-js/extra-typings";
import { ExitCode, UsageError } from "../../errors.ts";
import type { CommandContext } from "../context.ts";
import { runTimer, type TimerOptions } from "./timer.ts";

interface RawTimer {
  profile: string;
  expires: string;
  before: string;
  token: string;
}

export function parseTimer(raw: RawTimer): TimerOptions {
  const whole = (text: string, what: string) => {
    if (!/^\d{1,12}$/.test(text))
      throw new UsageError(`${what} must be a whole number of seconds.`);
    return Number(text);
  };
  if (!/^[0-9a-f]{32}$/.test(raw.token)) throw new UsageError("--token must be 32 hex digits.");
  return {
    profile: raw.profile,
    expires: whole(raw.expires, "--expires"),
    beforeSeconds: whole(raw.before, "--before"),
    token: raw.token,
  };
}

export function notifyCommand({ deps, state }: CommandContext) {
  return new Command("_notify")
    .description("the background timer behind `login --notify`")
    .requiredOption("--profile <name>", "profile the session belongs to")
    .requiredOption("--expires <epoch>", "session expiry, epoch seconds")
    .requiredOption("--before <seconds>", "first notification this long before the expiry")
    .requiredOption("--token <hex>", "the timer's id in its state file")
    .action(async (raw) => {
      await runTimer(parseTimer(raw), deps);
      state.exitCode = ExitCode.ok;
    });
}
