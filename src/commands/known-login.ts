/**
 * Login lines that need no command-line parser: `awsmfa [login] PROFILE --otp CODE` with at most
 * --format, --no-write and --yes besides, in an environment that sets none of login's option
 * variables but AWS_PROFILE and AWSMFA_MIN_REMAINING. Such a line is a fresh login (the code
 * is typed because there is no session), and building commander's program of ~25 options and
 * parsing costs it ~3 ms; cli.ts runs it with the options commander would have made
 * (login.ts knownLoginOptions; tests/commands/known-login.test.ts compares the two). A line
 * with anything else, however harmless, is left to commander: `undefined` costs nothing.
 * The words are read by login-line.ts, as the cached fast path reads the lines without --otp;
 * here only the ones with a code and a --format commander accepts.
 */
import { OUTPUT_FORMATS } from "../output/mode.ts";
import { hasCommanderSetting } from "./line-settings.ts";
import { loginLine } from "./login-line.ts";

export interface KnownLogin {
  /** The profile named on the line, if any (else AWS_PROFILE, else default). */
  profile: string | undefined;
  otp: string;
  format: string | undefined;
  noWrite: boolean;
  yes: boolean;
}

export function knownLoginLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): KnownLogin | undefined {
  if (hasCommanderSetting(env)) return undefined;
  const line = loginLine(argv);
  if (line?.otp === undefined) return undefined;
  if (line.format !== undefined && !knownFormat(line.format)) return undefined;
  const { profile, otp, format, noWrite, yes } = line;
  return { profile, otp, format, noWrite, yes };
}

/** A --format commander accepts (its choices); any other is its error to report. */
function knownFormat(word: string | undefined): word is string {
  return word !== undefined && (OUTPUT_FORMATS as readonly string[]).includes(word);
}
