/**
 * sh's and dash's word for a person, when the value holds a line break or another character
 * a terminal would not show as it is: one line that pastes back to exactly the value.
 *
 * POSIX sh has no $'...' (bash, zsh), and single quotes keep a line break as one, so the
 * suggestion spanned two lines. printf writes any byte from an escape in its format, and
 * "$(printf 'a\nb')" is one word on one line; only the trailing line breaks of a command
 * substitution are dropped. A value that ends with one gets a sentinel (_) that a parameter
 * expansion removes: the printf output is assigned to a variable in the same word, by an
 * expansion whose own text is then removed (all of $$, the shell's pid, by a pattern that
 * ends with $$ itself), and ${NAME%_} gives the value back:
 *
 *   "${$##*"${$#"${__awsmfa_1a2b3c4d=$(printf 'a\012_')}"}"}${__awsmfa_1a2b3c4d%_}"
 *
 * `=` assigns only an unset variable, so the name is a hash of the value: pasted again, the
 * variable already holds the same text. dash, bash --posix, busybox sh and zsh read this the
 * same way, with set -u too (tests/shell/words-real-shells.test.ts runs them).
 */
import { isHidden } from "../syntax.ts";

/** Whether `value` holds a character that a one-line, as-shown suggestion must escape. */
export function needsPrintf(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (escaped(value.charCodeAt(i))) return true;
  }
  return false;
}

/** What hasControl() spells as escapes (syntax.ts), and the private-use marks of pasteable(). */
function escaped(c: number): boolean {
  return isHidden(c) || c === 0xe000 || c === 0xe001;
}

/** `value` as a printf format, inside single quotes: the format's escapes, and % doubled. */
function printfFormat(value: string): string {
  let out = "";
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === "%") out += "%%";
    else if (ch === "'") out += "\\047";
    else if (escaped(c)) {
      for (const byte of new TextEncoder().encode(ch))
        out += `\\${byte.toString(8).padStart(3, "0")}`;
    } else out += ch;
  }
  return out;
}

/** FNV-1a of the UTF-16 units, as 8 hex digits: the variable's name for `value`. */
function hashName(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `__awsmfa_${h.toString(16).padStart(8, "0")}`;
}

/** One line of POSIX sh that is the word `value` (see above). */
export function printfWord(value: string): string {
  const format = printfFormat(value);
  if (!value.endsWith("\n")) return `"$(printf '${format}')"`;
  const name = hashName(value);
  return `"\${$##*"\${$#"\${${name}=$(printf '${format}_')}"}"}\${${name}%_}"`;
}
