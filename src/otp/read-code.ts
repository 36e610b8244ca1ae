/**
 * The code in what a program printed. It must hold exactly one run of six digits, standing
 * alone (not part of a longer number such as an account id): `123456`, `Code: 123456`, or
 * ykman's `Amazon Web Services:alice@123456789012  123456`. No code, or two, is an error;
 * awsmfa never guesses which number was meant, and never repeats the output (it may be secret).
 */

export type CodeReading =
  | { kind: "code"; code: string }
  | { kind: "none" }
  | { kind: "several"; count: number };

const SIX_DIGITS = /(?<!\d)\d{6}(?!\d)/g;

export function readCode(output: string): CodeReading {
  const found = output.match(SIX_DIGITS) ?? [];
  if (found.length === 1) return { kind: "code", code: found[0]! };
  if (found.length === 0) return { kind: "none" };
  return { kind: "several", count: found.length };
}
