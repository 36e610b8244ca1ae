/**
 * Text for people, made safe for a terminal: profile names, regions, file paths, AWS messages
 * and the output of programs can hold escape sequences (a profile named "\x1b]0;pwned\x07"
 * would retitle the window, one with "\x1b[2J" would clear it, a region "us\x1b[31m-east-1"
 * would colour the rest of the line, an OSC 8 sequence would make a link). Everything awsmfa
 * prints for people passes through here, and every control character in it is shown as
 * \xHH: C0 (bar line breaks and tabs), DEL and C1, ESC included, so nothing is hidden. Bidi
 * controls (U+202A-U+202E, U+2066-U+2069, LRM, RLM, ALM), which reorder what is shown after
 * them ("Trojan Source"), are shown as \uHHHH.
 *
 * awsmfa's own colours (ui/report.ts) and the code prompt's status-line redraw cannot be told
 * from an escape sequence in a value once they are in the same string, so they are not
 * written with ESC: they are written with OWN_ESC, a lone low surrogate, which no text
 * decoded from UTF-8 (files, the environment, argv, AWS's XML, a program's output) can hold.
 * Only here, after every real control character was shown, does OWN_ESC become ESC, and only
 * in awsmfa's own sequences (bold, dim, red, green, yellow and their resets). A value that
 * forges one (a JSON "\udc1b" escape) gets at most one of those colours, nothing that hides.
 */

/** Stands for ESC in the escape sequences awsmfa itself writes (see above). */
export const OWN_ESC = "\udc1b";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The colour sequences awsmfa writes: bold, dim, red, green, yellow, and their resets. */
const OWN_COLOUR = /\udc1b(\[(?:1|2|22|31|32|33|39)m)/g;
/** The code prompt's status line also needs carriage return and "erase to end of line". */
const OWN_REDRAW = "\r\udc1b[K";
/** errors.ts pasteable() marks, should any reach a writer unquoted: never shown. */
const PASTE_MARKS = /[\uE000\uE001]/g;

function shown(match: string): string {
  const c = match.charCodeAt(0);
  return c < 0x100
    ? `\\x${c.toString(16).padStart(2, "0")}`
    : `\\u${c.toString(16).padStart(4, "0")}`;
}

export function printable(text: string): string {
  if (!hasControl(text)) return text;
  return text
    .replace(CONTROL, shown)
    .replace(PASTE_MARKS, "")
    .replace(OWN_COLOUR, "\x1b$1")
    .replaceAll(OWN_ESC, "\\udc1b");
}

/**
 * Whether printable() has anything to do: a plain loop, so that the usual message costs no
 * regular expression (the first one costs a cached login ~0.15 ms and 1.4 MiB).
 */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0b && c <= 0x1f) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c < 0x61c) continue;
    if (c === 0xe000 || c === 0xe001 || c === 0xdc1b || c === 0x61c) return true;
    if (c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e)) return true;
    if (c >= 0x2066 && c <= 0x2069) return true;
  }
  return false;
}

/**
 * A value shown inside one line (a profile name in the prompt segment, the login's success
 * line, a table cell, a one-line message): printable(), and line breaks and tabs shown as
 * \x0a, \x0d, \x09 too, as are U+2028 and U+2029 (\u2028, \u2029: line breaks to some
 * terminals, editors and log viewers). printable() keeps those because messages are made of
 * lines; a value that holds one (AWS_PROFILE=$'prod\nx', a profile named with a tab) would
 * otherwise break the line in two or shift its columns. Not for data: JSON and eval code keep
 * values exact.
 *
 * The escapes can be read back: a backslash of the value that starts what reads as an escape
 * (\xHH or \uHHHH) is itself shown as \x5c, so a profile named with the six characters
 * `a\x0a` shows as a\x5cx0a and one named "a" + LF as a\x0a. Other backslashes (C:\Users) stay.
 */
export function printableInLine(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const next = c === 0x5c ? value.charCodeAt(i + 1) : 0;
    // Tab, LF, CR, U+2028, U+2029, or a backslash before x or u (a path's C:\Users costs nothing).
    if (
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x2028 ||
      c === 0x2029 ||
      next === 0x78 ||
      next === 0x75
    ) {
      return printable(value.replace(LOOKS_ESCAPED, "\\x5c").replace(LINE_CONTROL, shown));
    }
  }
  return printable(value);
}

const LINE_CONTROL = /[\t\n\r\u2028\u2029]/g;
/** A backslash that, as it is, would read as one of the escapes above. */
const LOOKS_ESCAPED = /\\(?=x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g;

/**
 * A whole text made one line: printable(), and tab, CR, LF, U+2028 and U+2029 shown as
 * printableInLine shows them, but its backslashes left alone, so that values it quotes that
 * were already shown by printableInLine read the same (the --debug trace, the first line of an
 * unexpected error).
 */
export function textInLine(text: string): string {
  return printable(text.replace(LINE_CONTROL, shown));
}

/** printable(), keeping awsmfa's own "\r ESC[K" that redraws a status line. */
export function printableLine(text: string): string {
  if (!hasControl(text)) return text;
  return text.split(OWN_REDRAW).map(printable).join("\r\x1b[K");
}

/**
 * What goes into a pipe or a file: as it is (stdout is a protocol there: eval code, JSON),
 * unless it carries awsmfa's colours (FORCE_COLOR, e.g. into `less -R`): text for a terminal
 * after all, made printable.
 */
export function forPipe(text: string): string {
  return text.includes(OWN_ESC) ? printable(text) : text;
}
