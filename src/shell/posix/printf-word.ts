/**
 * sh's and dash's word for a person, when the value holds a line break or another character
 * a terminal would not show as it is: one line that pastes back to exactly the value.
 *
 * POSIX sh has no $'...' (bash, zsh), and single quotes keep a line break as one, so the
 * suggestion spanned two lines. printf writes any byte from an escape in its format, and
 * "$(printf 'a\nb')" is one word on one line; only the trailing line breaks of a command
 * substitution are dropped. A value that ends with them takes each from the last character
 * of $IFS instead (a space, a tab and a line break, as every POSIX shell sets it), which the
 * word checks first: printf %d "'X" is the code of X, and unless that is 10 an arithmetic
 * division by zero stops the pasted command, rather than letting it run with another value.
 * The check's number is then removed (a suffix of $$, the shell's pid, taken off $$ by a
 * pattern that ends with it), so it adds nothing:
 *
 *   "$(printf 'a')${$##*"${$#"$((1/($(printf %d "'${IFS#"${IFS%?}"}")==10)))"}"}${IFS#"${IFS%?}"}"
 *
 * No variable is assigned: pasting the word leaves the shell's variables as they were (an
 * earlier word kept the text in a variable, which stayed set). dash, bash --posix and busybox
 * sh read it the same way, with set -u too (tests/shell/words-real-shells.test.ts runs them).
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

/**
 * `value` as a printf format, inside single quotes: the format's escapes, and % doubled. A
 * leading "-" is written \055, or printf would take the format for an option (dash: "Illegal
 * option -n") and print nothing.
 */
function printfFormat(value: string): string {
  let out = value.startsWith("-") ? "\\055" : "";
  if (out) value = value.slice(1);
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

/** The last character of $IFS: a line break, when IFS is as the shell set it. */
const IFS_LAST = `\${IFS#"\${IFS%?}"}`;

/** Nothing, once $IFS is seen to end with a line break; else a division by zero. */
const IFS_CHECK = `\${$##*"\${$#"$((1/($(printf %d "'${IFS_LAST}")==10)))"}"}`;

/** One line of POSIX sh that is the word `value` (see above). */
export function printfWord(value: string): string {
  const body = value.replace(/\n+$/, "");
  const breaks = value.length - body.length;
  const printed = body === "" ? "" : `$(printf '${printfFormat(body)}')`;
  if (breaks === 0) return `"${printed}"`;
  return `"${printed}${IFS_CHECK}${IFS_LAST.repeat(breaks)}"`;
}
