/**
 * The login lines read without commander: `awsmfa [login] [PROFILE]` with at most --otp CODE,
 * --format NAME, --no-write and --yes (-y) besides, each value flag once. Two readers take
 * them, each having checked the environment first (line-settings.ts): the cached fast path (fast/invocation.ts, the lines without --otp) and the full
 * CLI's login with its code typed (known-login.ts). A line with anything else, however
 * harmless, is commander's: `undefined` costs nothing but its start-up.
 */
import { isCommandWord } from "./words.ts";

export interface LoginLine {
  /** The profile named on the line, if any (else AWS_PROFILE, else default: the reader's). */
  profile: string | undefined;
  otp: string | undefined;
  /** As written: whether commander accepts it is the reader's question. */
  format: string | undefined;
  noWrite: boolean;
  yes: boolean;
}

/** A word commander can only read as a value: not empty, not flag-like. */
export function plainWord(word: string | undefined): boolean {
  return word !== undefined && word !== "" && !word.startsWith("-");
}

export function loginLine(argv: readonly string[]): LoginLine | undefined {
  const words = argv[0] === "login" ? argv.slice(1) : argv;
  if (argv[0] !== "login" && argv[0] !== undefined && isCommandWord(argv[0])) return undefined;
  const line: LoginLine = {
    profile: undefined,
    otp: undefined,
    format: undefined,
    noWrite: false,
    yes: false,
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // A second value for a flag or a second profile: commander's rules say which counts.
    if (plainWord(word)) {
      if (line.profile !== undefined) return undefined;
      line.profile = word;
    } else if (word === "--no-write") line.noWrite = true;
    else if (word === "-y" || word === "--yes") line.yes = true;
    else if (line.otp === undefined && word === "--otp" && plainWord(words[i + 1])) {
      line.otp = words[++i];
    } else if (line.otp === undefined && word.startsWith("--otp=") && plainWord(word.slice(6))) {
      line.otp = word.slice(6);
    } else if (line.format === undefined && word === "--format" && plainWord(words[i + 1])) {
      line.format = words[++i];
    } else if (line.format === undefined && word.startsWith("--format=") && word.length > 9) {
      line.format = word.slice(9);
    } else return undefined;
  }
  return line;
}
