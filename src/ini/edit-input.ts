/**
 * What the editors refuse to write, checked before any text is touched: anything the readers
 * (botocore and the AWS SDK for JavaScript) would read back differently from what was asked.
 * Messages name the key and profile but never the value, which may be a secret.
 */
import { isJsSpace } from "../config/js-space.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import type { ProfileRef } from "./profiles.ts";
import { pyStrip } from "./python-text.ts";

export class IniEditError extends UserError {
  constructor(message: string, hint: string) {
    super(message, { hint });
    this.name = "IniEditError";
  }
}

/**
 * The checks are string methods and loops, not regular expressions: a fresh login runs them on
 * each key it writes, and each expression compiles cold in every run (docs/performance.md).
 * Each names the expression it stands for; tests/ini/edit-input.test.ts keeps those as oracles.
 */

/** /[\r\n]/ */
function hasLineBreak(text: string): boolean {
  return text.includes("\n") || text.includes("\r");
}

/**
 * The SDK cuts a value at `#` or `;` that starts it or follows whitespace (an inline comment):
 * /(^|\s)[#;]/
 */
export function hasSdkComment(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c === 0x23 || c === 0x3b) && (i === 0 || isJsSpace(value.charCodeAt(i - 1)))) return true;
  }
  return false;
}

export function checkProfileName(ref: ProfileRef): void {
  const { profile, kind } = ref;
  if (profile === "" || hasLineBreak(profile)) {
    throw new IniEditError(
      "A profile name cannot be empty or contain a line break.",
      "Choose a profile name of letters, digits, '-', '_' or '.'.",
    );
  }
  if (kind === "credentials" && profile === "DEFAULT") {
    throw new IniEditError(
      `Cannot write a profile named "DEFAULT" to the credentials file.`,
      "Python's INI reader (used by the AWS CLI) treats [DEFAULT] as defaults for every " +
        'profile. Did you mean "default"?',
    );
  }
}

export function checkEntries(ref: ProfileRef, values: Readonly<Record<string, string>>): void {
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(values)) {
    checkKey(key);
    const folded = key.toLowerCase();
    if (seen.has(folded)) {
      throw new IniEditError(
        `The key ${key} is given twice (keys are case-insensitive).`,
        "Give each key once.",
      );
    }
    seen.add(folded);
    checkValue(ref, key, value);
  }
}

/** A key that reads back as itself on a line of its own: no delimiter, no comment, no header. */
export function checkKey(key: string): void {
  const readable =
    key !== "" &&
    key === pyStrip(key) &&
    key === key.trim() &&
    !hasLineBreak(key) &&
    !key.includes("=") &&
    !key.includes(":") &&
    !key.startsWith("[") &&
    !key.startsWith("#") &&
    !key.startsWith(";");
  if (!readable) {
    throw new IniEditError(
      `Cannot write the key ${JSON.stringify(key)}: the AWS files cannot hold it.`,
      "Keys are words like aws_session_token, without '=', ':', line breaks or outer spaces.",
    );
  }
}

function checkValue(ref: ProfileRef, key: string, value: string): void {
  const where = `${key} in profile ${printableInLine(ref.profile)}`;
  const hint = "awsmfa writes values on one line, exactly as they will be read back.";
  if (hasLineBreak(value)) {
    throw new IniEditError(`Cannot write ${where}: the value contains a line break.`, hint);
  }
  // Python and JavaScript disagree on what whitespace is (U+FEFF, U+0085), so check both.
  if (value === "" || value !== pyStrip(value) || value !== value.trim()) {
    throw new IniEditError(
      `Cannot write ${where}: the value is empty or starts or ends with whitespace.`,
      `${hint} To remove a key, delete it instead.`,
    );
  }
  if (hasSdkComment(value)) {
    throw new IniEditError(
      `Cannot write ${where}: the value contains '#' or ';' after a space, which the AWS SDKs ` +
        "read as a comment.",
      hint,
    );
  }
}
