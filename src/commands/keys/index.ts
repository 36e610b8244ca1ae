/**
 * awsmfa keys: where long-term keys live. `keys list` shows them (masked), `keys move` puts a
 * profile's keys into another key store (OS keychain, pass, encrypted file, credentials file).
 */
import { Command, Option } from "@commander-js/extra-typings";
import { KEY_STORE_NAMES } from "../../keys/store.ts";
import type { CommandContext } from "../context.ts";
import { addSessionOptions, sessionOptionsOf } from "../options/session.ts";
import { runKeysList } from "./list.ts";
import { runKeysMove } from "./move.ts";
import { runKeysRotate } from "./rotate.ts";

export function keysCommand({ deps, state }: CommandContext) {
  const keys = new Command("keys").description(
    "where long-term keys live: list them (masked), move them into a key store",
  );
  keys
    .command("list")
    .description("each profile with long-term keys: its key store and masked key id")
    .option("--json", "print JSON", false)
    .action(async (raw) => {
      state.exitCode = await runKeysList({ json: raw.json }, deps);
    });
  keys
    .command("move")
    .description("move a profile's long-term keys to another key store")
    .argument("<profile>", "the profile that holds the long-term keys")
    // Choices, as configure's --key-store: commander refuses another name (exit 2), and Tab
    // completion offers the names.
    .addOption(
      new Option("--to <store>", "the key store to move them to")
        .choices(KEY_STORE_NAMES)
        .makeOptionMandatory(),
    )
    .action(async (profile, raw) => {
      state.exitCode = await runKeysMove({ profile, to: raw.to }, deps);
    });
  const rotate = keys
    .command("rotate")
    .description(
      "replace a profile's access key with a new one (MFA session, CreateAccessKey, store, wait, delete the old)",
    )
    .argument("<profile>", "the profile whose long-term keys to rotate");
  addSessionOptions(rotate).action(async (profile, _raw, self) => {
    state.exitCode = await runKeysRotate(sessionOptionsOf(profile, self, deps.env), deps);
  });
  return keys;
}
