/**
 * The short text `awsmfa prompt` prints for starship, powerlevel10k and the like: "prod 7h42m".
 * Read from the environment alone (what the shell holds now), so it costs no file or network.
 */
import { formatDuration } from "../config/durations.ts";
import { sessionExpiryMs } from "../session/in-env.ts";
import { printableInLine } from "../system/printable.ts";
import { clockTime } from "../ui/clock-time.ts";

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_TEMPLATE = "{profile} {left}";

/**
 * The segment, or "" when the shell holds no session. Placeholders: {profile}, {left}
 * ("7h42m", or "expired"), {until} (local time, "21:41"). Spaces left by an empty
 * placeholder are dropped.
 */
export function promptSegment(env: Env, now: number, template = DEFAULT_TEMPLATE): string {
  const expiry = sessionExpiryMs(env);
  if (expiry === undefined) return "";
  const seconds = Math.floor((expiry - now) / 1000);
  const values: Record<string, () => string> = {
    // The segment ends up in the shell's prompt, on the terminal, through a pipe no writer
    // filters: a profile name from the environment is shown escaped (system/printable.ts),
    // line breaks and tabs too: the segment is one line.
    // The template is the user's own and may hold colours on purpose.
    profile: () => printableInLine(env.AWS_PROFILE ?? ""),
    left: () => (seconds > 0 ? formatDuration(seconds) : "expired"),
    // Only when asked for: the first local-time conversion sets up time zones, which costs
    // Bun ~12 ms and 4 MiB, three times the rest of a prompt.
    until: () => clockTime(new Date(expiry), now),
  };
  return singleSpaces(fillPlaceholders(template, (name) => values[name]!())).trim();
}

// Plain string scans rather than regular expressions here: this runs at every shell prompt,
// and Bun's first regular expressions cost the small process about 1.5 MiB.

const PLACEHOLDERS = ["profile", "left", "until"];

/** Every {profile}, {left} and {until} replaced, in one pass (a value is not scanned again). */
export function fillPlaceholders(template: string, value: (name: string) => string): string {
  let out = "";
  let done = 0;
  for (let open = template.indexOf("{"); open >= 0; open = template.indexOf("{", open + 1)) {
    const close = template.indexOf("}", open);
    if (close < 0) break;
    const name = template.slice(open + 1, close);
    if (!PLACEHOLDERS.includes(name)) continue;
    out += template.slice(done, open) + value(name);
    done = close + 1;
    open = close;
  }
  return out + template.slice(done);
}

/** Runs of spaces (left by empty placeholders) as one space. */
export function singleSpaces(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === " " && text[i - 1] === " ") continue;
    out += text[i];
  }
  return out;
}
