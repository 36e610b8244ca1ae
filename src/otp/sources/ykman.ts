/**
 * A YubiKey's OATH application: `ykman [--device SERIAL] oath accounts code --single NAME`.
 * (--device is an option of ykman itself, so it comes before the subcommand.) An account that
 * requires touch makes ykman wait for it, so the person is told to touch the key first.
 */

import { printableInLine } from "../../system/printable.ts";
import { codeFromCommand, type Diagnosis, programAvailability, showCommand } from "../external.ts";
import type { OtpSource, OtpSourceKind, SourceSettings } from "../source.ts";

const INSERT =
  "Insert your YubiKey and touch it when it blinks; with several keys in, " +
  "pick one with --ykman-device (awsmfa_ykman_device).";

export const ykmanKind: OtpSourceKind = {
  name: "ykman",
  aliases: ["yubikey"],
  summary: "YubiKey: ykman [--device SERIAL] oath accounts code --single NAME",
  automatic: true,
  required: { key: "ykmanAccount", noun: "the OATH account on the YubiKey" },
  keys: ["ykmanAccount", "ykmanDevice"],
  availability: (deps) => programAvailability("ykman", deps),
  create: ykmanSource,
};

export function ykmanSource({ values, timeoutMs }: SourceSettings): OtpSource {
  const account = values.ykmanAccount!;
  const device = values.ykmanDevice?.value;
  const args = [
    ...(device ? ["--device", device] : []),
    "oath",
    "accounts",
    "code",
    "--single",
    account.value,
  ];
  const display = showCommand("ykman", args);
  const diagnose = (output: string): Diagnosis | undefined => {
    if (/no matching|multiple matches|no such/i.test(output)) {
      return {
        kind: "settings",
        message:
          `The YubiKey has no single OATH account matching "${printableInLine(account.value)}" ` +
          `(${account.from}).`,
        hint: "List the accounts with `ykman oath accounts list` and use the full name.",
      };
    }
    if (/password|authenticat/i.test(output)) {
      return {
        kind: "unavailable",
        message: "The YubiKey's OATH application is protected by a password.",
        hint: "Let this computer remember it: ykman oath access remember",
      };
    }
    if (/yubikey|device|connect|touch|timed? ?out/i.test(output)) {
      return { kind: "unavailable", message: "No YubiKey answered.", hint: INSERT };
    }
    return undefined;
  };
  return {
    name: "ykman",
    automatic: true,
    available: async (deps) => (await programAvailability("ykman", deps)).available,
    code: (_request, deps) =>
      codeFromCommand(
        {
          program: "ykman",
          args,
          tool: "YubiKey Manager (ykman)",
          install: "Install it: https://developers.yubico.com/yubikey-manager/",
          display,
          unlockHint: INSERT,
          timeoutMs,
          waitingNote: `Touch your YubiKey if it blinks (code for ${printableInLine(account.value)})...`,
          diagnose,
        },
        deps,
      ),
  };
}
