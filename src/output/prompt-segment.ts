/**
 * The short text `awsmfa prompt` prints for starship, powerlevel10k and the like: "prod 7h42m".
 * Read from the environment alone (what the shell holds now), so it costs no file or network.
 */
import { formatDuration } from "../config/durations.ts";
import { sessionExpiry } from "../session/in-env.ts";
import { clockTime } from "../session/messages.ts";

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_TEMPLATE = "{profile} {left}";

/**
 * The segment, or "" when the shell holds no session. Placeholders: {profile}, {left}
 * ("7h42m", or "expired"), {until} (local time, "21:41"). Spaces left by an empty
 * placeholder are dropped.
 */
export function promptSegment(env: Env, now: number, template = DEFAULT_TEMPLATE): string {
  const expiry = sessionExpiry(env)?.getTime();
  if (expiry === undefined) return "";
  const seconds = Math.floor((expiry - now) / 1000);
  const values: Record<string, string> = {
    profile: env.AWS_PROFILE ?? "",
    left: seconds > 0 ? formatDuration(seconds) : "expired",
    until: clockTime(new Date(expiry), now),
  };
  return template
    .replace(/\{(profile|left|until)\}/g, (_, name: string) => values[name] ?? "")
    .replace(/ {2,}/g, " ")
    .trim();
}
