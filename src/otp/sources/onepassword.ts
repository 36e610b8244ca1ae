/**
 * 1Password: `op item get ITEM --otp [--account A] [--vault V]`. With the desktop app's CLI
 * integration this asks for a fingerprint (or the account password) on the first use; op's own
 * session variables (OP_SESSION_*) reach it through the environment.
 */

import { printableInLine } from "../../system/printable.ts";
import { codeFromCommand, type Diagnosis, programAvailability, showCommand } from "../external.ts";
import type { OtpSource, OtpSourceKind, SourceSettings } from "../source.ts";

const UNLOCK = "Run `op signin` (or unlock the 1Password app, with its CLI integration on).";

export const onePasswordKind: OtpSourceKind = {
  name: "1password",
  aliases: ["op", "onepassword"],
  summary: "1Password CLI: op item get ITEM --otp [--account A] [--vault V]",
  automatic: true,
  required: { key: "opItem", noun: "the 1Password item that holds the one-time password" },
  keys: ["opItem", "opAccount", "opVault"],
  availability: (deps) => programAvailability("op", deps),
  create: onePasswordSource,
};

export function onePasswordSource({ values, timeoutMs }: SourceSettings): OtpSource {
  const item = values.opItem!;
  const account = values.opAccount?.value;
  const vault = values.opVault?.value;
  const args = [
    "item",
    "get",
    item.value,
    "--otp",
    ...(account ? ["--account", account] : []),
    ...(vault ? ["--vault", vault] : []),
  ];
  const display = showCommand("op", args);
  const diagnose = (output: string): Diagnosis | undefined => {
    if (
      /not (currently )?signed in|sign ?in|session (has )?expired|locked|dismissed/i.test(output)
    ) {
      return {
        kind: "unavailable",
        message: "1Password is locked, or op is signed out.",
        hint: UNLOCK,
      };
    }
    if (
      /isn't an item|not an item|more than one item|no item|isn't a vault|no account/i.test(output)
    ) {
      const where = vault ? ` in vault "${printableInLine(vault)}"` : "";
      return {
        kind: "settings",
        message: `1Password found no single item "${printableInLine(item.value)}"${where} (${item.from}).`,
        hint: `Give the item's exact name or ID, and check the account and vault. Try: ${display}`,
      };
    }
    return undefined;
  };
  return {
    name: "1password",
    automatic: true,
    available: async (deps) => (await programAvailability("op", deps)).available,
    code: (_request, deps) =>
      codeFromCommand(
        {
          program: "op",
          args,
          tool: "The 1Password CLI (op)",
          install: "Install it: https://developer.1password.com/docs/cli/get-started/",
          display,
          unlockHint: UNLOCK,
          timeoutMs,
          diagnose,
        },
        deps,
      ),
  };
}
