/**
 * A friendly stop for a profile name that exists nowhere: it may be a typo of a profile or of
 * a command (`awsmfa whoamii` is read as the profile "whoamii").
 */
import { type AwsFiles, hasProfile, profileNames } from "../config/aws-files.ts";
import { pasteable, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { LONG_TERM_SUFFIXES } from "./long-term.ts";

export const COMMAND_WORDS = [
  "login",
  "whoami",
  "shell-init",
  "unset",
  "logout",
  "list",
  "status",
  "configure",
  "exec",
  "credential-process",
  "console",
  "doctor",
  "prompt",
  "sources",
];

export function requireKnownProfile(files: AwsFiles, profile: string): void {
  if (hasProfile(files, profile)) return;
  if (LONG_TERM_SUFFIXES.some((suffix) => hasProfile(files, `${profile}${suffix}`))) return;
  const names = profileNames(files);
  const close = [...names, ...COMMAND_WORDS].filter((name) => editDistance(name, profile) <= 2);
  const suggestion =
    close.length > 0
      ? ` Did you mean ${close.map((n) => `"${printableInLine(n)}"`).join(" or ")}?`
      : "";
  throw new UserError(`There is no profile named "${printableInLine(profile)}".${suggestion}`, {
    hint:
      names.length > 0
        ? `Known profiles: ${names.map(printableInLine).join(", ")}. \`awsmfa configure ${pasteable(profile)}\` sets up a new one.`
        : `No profiles found in ${printableInLine(files.paths.config)} or ${printableInLine(files.paths.credentials)}. \`awsmfa configure ${pasteable(profile)}\` sets one up.`,
  });
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
