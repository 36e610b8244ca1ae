/**
 * Text for people, made safe for a terminal: profile names, file paths and AWS messages can
 * hold escape sequences (a profile named "\x1b]0;pwned\x07" would retitle the window, one with
 * "\x1b[2J" would clear it). Everything awsmfa prints for people passes through here; only the
 * colour sequences awsmfa itself writes (ui/report.ts: bold, dim, red, green, yellow and their
 * resets) and line breaks and tabs survive. Any other SGR is shown too: a profile named
 * "\x1b[8m" (conceal) or "\x1b[30;40m" (black on black) would hide the rest of the line.
 * Other control characters are shown as \xHH, so nothing is hidden either.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /\x1b\[(?:1|2|22|31|32|33|39)m|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** Also what the code prompt's status line needs: carriage return and "erase to end of line". */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_LINE = /\x1b\[[0-9;]*m|\r\x1b\[K|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function shown(match: string): string {
  if (match.length > 1) return match;
  return `\\x${match.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

export function printable(text: string): string {
  if (!hasControl(text)) return text;
  return text.replace(CONTROL, shown).replace(PASTE_MARKS, "");
}

/**
 * Whether CONTROL or PASTE_MARKS could match: a plain loop, so that the usual message costs no
 * regular expression (the first one costs a cached login ~0.15 ms and 1.4 MiB).
 */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0b && c <= 0x1f) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c === 0xe000 || c === 0xe001) return true;
  }
  return false;
}

/** errors.ts pasteable() marks, should any reach a writer unquoted: never shown. */
const PASTE_MARKS = /[\uE000\uE001]/g;

/** printable(), keeping the "\r ESC[K" that redraws a status line. */
export function printableLine(text: string): string {
  return text.replace(CONTROL_LINE, shown);
}
