/** awsmfa's own yes/no settings in a profile (`awsmfa_write = false`), read strictly. */

import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { type AwsFiles, profileValue } from "./aws-files.ts";

const TRUE = ["true", "yes", "on", "1"];
const FALSE = ["false", "no", "off", "0"];

/** The setting's value, or `fallback` when the profile does not set it. */
export function booleanSetting(
  files: AwsFiles,
  profile: string,
  key: string,
  fallback: boolean,
): boolean {
  const value = profileValue(files, profile, key);
  if (value === undefined) return fallback;
  const answer = booleanWord(value);
  if (answer !== undefined) return answer;
  throw new UserError(
    `${key} in profile ${printableInLine(profile)} is "${printableInLine(value)}", which is neither true nor false.`,
    {
      hint: `Set it to true or false in ${printableInLine(files.paths.config)}.`,
    },
  );
}

/** What a yes/no setting's value says, or undefined when it is neither. */
export function booleanWord(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if (TRUE.includes(word)) return true;
  if (FALSE.includes(word)) return false;
  return undefined;
}
