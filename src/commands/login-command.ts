/**
 * The command that logs in to a profile, as a person would type it in a shell: `awsmfa prod`;
 * `awsmfa login ls` for a profile named like a command or alias (`awsmfa ls` lists profiles);
 * `awsmfa login -- -x` for a name that looks like a flag; and the name quoted when a shell
 * would split or expand it (`awsmfa 'has space'`). Used by every message that says how to
 * log in to a named profile.
 */
import { shellForFormat } from "../shell/index.ts";
import { isCommandWord } from "./words.ts";

/** The words of that command, unquoted: callers quote them for the shell they print for. */
export function loginWordsFor(profile: string): string[] {
  if (profile.startsWith("-")) return ["awsmfa", "login", "--", profile];
  const taken = isCommandWord(profile);
  return taken ? ["awsmfa", "login", profile] : ["awsmfa", profile];
}

/**
 * The command as one line, each word quoted by `quote`: by default for a POSIX shell (fish
 * reads single quotes the same way); messages on the user's terminal pass the quoting of the
 * user's shell (output/mode.ts quoteForUser), since PowerShell quotes differently.
 */
export function loginCommandFor(
  profile: string,
  quote: (word: string) => string = shellForFormat("sh").word,
): string {
  return loginWordsFor(profile)
    .map((word) => quote(word))
    .join(" ");
}
