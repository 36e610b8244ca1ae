/**
 * Python's shlex.split (posix mode, no comments), which botocore applies to config-file section
 * headers: `[profile "my name"]` is the profile `my name`, `[profile  x]` is `x`. Only the rules
 * shlex.split uses are here: whitespace is space, tab, CR, LF; quotes are ' and "; a backslash
 * escapes any character outside quotes, and only " or \ inside double quotes.
 */

const WHITESPACE = " \t\r\n";

/** The words of `text`, or undefined where Python raises ValueError (unclosed quote or escape). */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word = "";
  let inWord = false; // a word has started (possibly empty, as in "")
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === "\\") {
        const next = text[i + 1];
        if (next === undefined) return undefined;
        word += next === '"' || next === "\\" ? next : char + next;
        i++;
      } else word += char;
    } else if (WHITESPACE.includes(char)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if (char === "\\") {
      const next = text[i + 1];
      if (next === undefined) return undefined;
      word += next;
      inWord = true;
      i++;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== null) return undefined;
  if (inWord) words.push(word);
  return words;
}

const BARE_WORD = /^[^ \t\r\n'"\\]+$/;

/** A word that shlexSplit reads back as exactly `word`. */
export function shlexQuote(word: string): string {
  if (BARE_WORD.test(word)) return word;
  return `"${word.replace(/["\\]/g, "\\$&")}"`;
}
