/**
 * Login lines that need no command-line parser: `awsmfa [login] PROFILE --otp CODE` with at most
 * --format, --no-write and --yes besides, in an environment that sets none of login's option
 * variables but AWS_PROFILE and AWSMFA_MIN_REMAINING. Such a line is a fresh login (the code
 * is typed because there is no session), and building commander's program of ~25 options and
 * parsing costs it ~3 ms; cli.ts runs it with the options commander would have made
 * (login.ts knownLoginOptions; tests/commands/known-login.test.ts compares the two). A line
 * with anything else, however harmless, is left to commander: `undefined` costs nothing.
 *
 * The cached fast path (commands/fast/) knows the lines without --otp; this is the full CLI's.
 */
import { OUTPUT_FORMATS } from "../output/mode.ts";
import { hasCommanderSetting } from "./line-settings.ts";
import { isCommandWord } from "./words.ts";

export interface KnownLogin {
  /** The profile named on the line, if any (else AWS_PROFILE, else default). */
  profile: string | undefined;
  otp: string;
  format: string | undefined;
  noWrite: boolean;
  yes: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A word commander can only read as a value: not empty, not flag-like. */
function plainWord(word: string | undefined): boolean {
  return word !== undefined && word !== "" && !word.startsWith("-");
}

export function knownLoginLine(argv: readonly string[], env: Env): KnownLogin | undefined {
  if (hasCommanderSetting(env)) return undefined;
  const words = argv[0] === "login" ? argv.slice(1) : argv;
  if (argv[0] !== "login" && argv[0] !== undefined && isCommandWord(argv[0])) return undefined;
  let profile: string | undefined;
  let otp: string | undefined;
  let format: string | undefined;
  let noWrite = false;
  let yes = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // A second value for a flag or a second profile: commander's rules say which counts.
    if (plainWord(word)) {
      if (profile !== undefined) return undefined;
      profile = word;
    } else if (word === "--no-write") noWrite = true;
    else if (word === "-y" || word === "--yes") yes = true;
    else if (otp === undefined && word === "--otp" && plainWord(words[i + 1])) otp = words[++i];
    else if (otp === undefined && word.startsWith("--otp=") && plainWord(word.slice(6))) {
      otp = word.slice(6);
    } else if (format === undefined && word === "--format" && knownFormat(words[i + 1])) {
      format = words[++i];
    } else if (format === undefined && word.startsWith("--format=") && knownFormat(word.slice(9))) {
      format = word.slice(9);
    } else return undefined;
  }
  if (otp === undefined) return undefined;
  return { profile, otp, format, noWrite, yes };
}

/** A --format commander accepts (its choices); any other is its error to report. */
function knownFormat(word: string | undefined): word is string {
  return word !== undefined && (OUTPUT_FORMATS as readonly string[]).includes(word);
}
