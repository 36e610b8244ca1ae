/**
 * The short text `awsmfa prompt` prints for starship, powerlevel10k and the like: "prod 7h42m".
 * Read from the environment alone (what the shell holds now), so it costs no file or network.
 */
import { formatDuration } from "../config/durations.ts";
import { clockTime } from "../ui/clock-time.ts";

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_TEMPLATE = "{profile} {left}";

/** When the shell's session ends: AWSMFA_EXPIRES (epoch seconds), else AWS_CREDENTIAL_EXPIRATION. */
export function sessionExpiry(env: Env): number | undefined {
  const epoch = env.AWSMFA_EXPIRES?.trim();
  if (epoch && /^\d{1,12}$/.test(epoch)) return Number(epoch) * 1000;
  const iso = env.AWS_CREDENTIAL_EXPIRATION?.trim();
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The segment, or "" when the shell holds no session. Placeholders: {profile}, {left}
 * ("7h42m", or "expired"), {until} (local time, "21:41"). Spaces left by an empty
 * placeholder are dropped.
 */
export function promptSegment(env: Env, now: number, template = DEFAULT_TEMPLATE): string {
  const expiry = sessionExpiry(env);
  if (expiry === undefined) return "";
  const seconds = Math.floor((expiry - now) / 1000);
  const values: Record<string, () => string> = {
    profile: () => env.AWS_PROFILE ?? "",
    left: () => (seconds > 0 ? formatDuration(seconds) : "expired"),
    // Only when asked for: the first local-time conversion sets up time zones, which costs
    // Bun ~12 ms and 4 MiB, three times the rest of a prompt.
    until: () => clockTime(new Date(expiry), now),
  };
  return template
    .replace(/\{(profile|left|until)\}/g, (_, name: string) => values[name]?.() ?? "")
    .replace(/ {2,}/g, " ")
    .trim();
}
