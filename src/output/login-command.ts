/**
 * The command that logs in to a profile, as a person would type it in a shell: `awsmfa prod`;
 * `awsmfa login ls` for a profile named like a command or alias (`awsmfa ls` lists profiles);
 * `awsmfa login -- -x` for a name that looks like a flag; and the name quoted when a shell
 * would split or expand it (`awsmfa 'has space'`). Used by every message that says how to
 * log in to a named profile.
 */
import { commandWords } from "../commands/index.ts";

/** Names a shell passes on unchanged: no quoting needed. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function loginCommandFor(profile: string): string {
  // POSIX single quotes (fish reads them the same way); a ' inside is written '\''.
  const word = SHELL_SAFE.test(profile) ? profile : `'${profile.replaceAll("'", "'\\''")}'`;
  if (profile.startsWith("-")) return `awsmfa login -- ${word}`;
  const taken = commandWords().all.has(profile) || profile === "help";
  return taken ? `awsmfa login ${word}` : `awsmfa ${word}`;
}
