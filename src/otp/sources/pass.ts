/**
 * pass with the pass-otp extension: `pass otp ENTRY`, for an entry that holds an otpauth://
 * URI. gpg-agent may ask for the key's passphrase (pinentry) the first time.
 */

import { printableInLine } from "../../system/printable.ts";
import { codeFromCommand, type Diagnosis, programAvailability, showCommand } from "../external.ts";
import type { OtpSource, OtpSourceKind, SourceSettings } from "../source.ts";

const UNLOCK =
  "Unlock your GPG key (run the command once in a terminal, so that gpg-agent remembers " +
  "the passphrase) and try again.";

export const passKind: OtpSourceKind = {
  name: "pass",
  aliases: ["pass-otp"],
  summary: "pass with pass-otp: pass otp ENTRY",
  automatic: true,
  required: { key: "passEntry", noun: "the pass entry that holds the otpauth:// URI" },
  keys: ["passEntry"],
  availability: (deps) => programAvailability("pass", deps),
  create: passSource,
};

export function passSource({ values, timeoutMs }: SourceSettings): OtpSource {
  const entry = values.passEntry!;
  const args = ["otp", entry.value];
  const display = showCommand("pass", args);
  const diagnose = (output: string): Diagnosis | undefined => {
    if (/\botp is not in the password store/i.test(output)) {
      return {
        kind: "unavailable",
        message: "The pass-otp extension is not installed, so `pass otp` does not exist.",
        hint: "Install pass-otp: https://github.com/tadfisher/pass-otp",
      };
    }
    if (/is not in the password store|no otp|otpauth/i.test(output)) {
      return {
        kind: "settings",
        message: `pass has no entry "${printableInLine(entry.value)}" with an otpauth:// URI (${entry.from}).`,
        hint: `Check the entry's name with \`pass ls\`, then try: ${display}`,
      };
    }
    if (/gpg|decrypt|pinentry|passphrase|cancel|agent/i.test(output)) {
      return {
        kind: "unavailable",
        message: "gpg could not decrypt the pass entry.",
        hint: UNLOCK,
      };
    }
    return undefined;
  };
  return {
    name: "pass",
    automatic: true,
    available: async (deps) => (await programAvailability("pass", deps)).available,
    code: (_request, deps) =>
      codeFromCommand(
        {
          program: "pass",
          args,
          tool: "pass",
          install: "Install it: https://www.passwordstore.org/ (with the pass-otp extension).",
          display,
          unlockHint: UNLOCK,
          timeoutMs,
          diagnose,
        },
        deps,
      ),
  };
}
