/**
 * Bitwarden: `bw get totp ITEM`. bw reads its unlocked session from BW_SESSION in the
 * environment; awsmfa passes the environment on and never puts the session on argv (`--session`
 * would show it to every user of the machine). `--nointeraction` makes a locked vault fail at
 * once instead of waiting for a password nobody can type.
 */

import { printableInLine } from "../../system/printable.ts";
import { codeFromCommand, type Diagnosis, programAvailability, showCommand } from "../external.ts";
import type { OtpSource, OtpSourceKind, SourceSettings } from "../source.ts";

const UNLOCK = 'Unlock the vault in this shell: export BW_SESSION="$(bw unlock --raw)"';

export const bitwardenKind: OtpSourceKind = {
  name: "bitwarden",
  aliases: ["bw"],
  summary: "Bitwarden CLI: bw get totp ITEM (unlocked with BW_SESSION)",
  automatic: true,
  required: { key: "bwItem", noun: "the Bitwarden item with the authenticator key" },
  keys: ["bwItem"],
  availability: (deps) => programAvailability("bw", deps),
  create: bitwardenSource,
};

export function bitwardenSource({ values, timeoutMs }: SourceSettings): OtpSource {
  const item = values.bwItem!;
  const args = ["get", "totp", item.value, "--nointeraction"];
  const display = showCommand("bw", args.slice(0, 3));
  const diagnose = (output: string): Diagnosis | undefined => {
    if (/not logged in/i.test(output)) {
      return {
        kind: "unavailable",
        message: "The Bitwarden CLI is not logged in.",
        hint: `Run \`bw login\`, then: ${UNLOCK.replace(/^./, (c) => c.toLowerCase())}`,
      };
    }
    if (/locked|master password|session/i.test(output)) {
      return { kind: "unavailable", message: "The Bitwarden vault is locked.", hint: UNLOCK };
    }
    if (/not found|more than one|no totp|premium/i.test(output)) {
      return {
        kind: "settings",
        message: `Bitwarden has no single item "${printableInLine(item.value)}" with a TOTP code (${item.from}).`,
        hint: `Give the item's exact name or id; it needs an authenticator key. Try: ${display}`,
      };
    }
    return undefined;
  };
  return {
    name: "bitwarden",
    automatic: true,
    available: async (deps) => (await programAvailability("bw", deps)).available,
    code: (_request, deps) =>
      codeFromCommand(
        {
          program: "bw",
          args,
          tool: "The Bitwarden CLI (bw)",
          install: "Install it: https://bitwarden.com/help/cli/",
          display,
          unlockHint: UNLOCK,
          timeoutMs,
          diagnose,
        },
        deps,
      ),
  };
}
