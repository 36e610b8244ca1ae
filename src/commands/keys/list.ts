/**
 * awsmfa keys list: each profile with long-term keys, where they are, and the key id masked.
 * Read from the config and credentials files only (awsmfa_key_id notes a stored key's id), so
 * it unlocks nothing and never prints a secret.
 */
import { maskKeyId } from "../../aws/credentials.ts";
import { type AwsFiles, profileNames, readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode } from "../../errors.ts";
import { keysInText } from "../../keys/credentials-file.ts";
import { placementOf } from "../../keys/placement.ts";
import { KEY_STORES } from "../../keys/registry.ts";
import { notedKeyId } from "../../keys/store.ts";
import { printableInLine, textInLine } from "../../system/printable.ts";
import { renderTable } from "../../ui/table.ts";

export interface KeyRow {
  profile: string;
  store: string;
  /** Masked (AKIA****WXYZ), or null when the store was set up by hand without awsmfa_key_id. */
  accessKeyId: string | null;
}

export function keyRows(files: AwsFiles): KeyRow[] {
  const rows: KeyRow[] = [];
  for (const profile of profileNames(files)) {
    const store = placementOf(files, profile);
    if (store !== "credentials-file") {
      const id = notedKeyId(files, profile);
      rows.push({ profile, store, accessKeyId: id ? maskKeyId(id) : null });
      continue;
    }
    const keys = keysInText(files.credentialsText, profile);
    if (keys) rows.push({ profile, store, accessKeyId: maskKeyId(keys.accessKeyId) });
  }
  return rows;
}

export async function runKeysList(options: { json: boolean }, deps: Deps): Promise<number> {
  const files = await readAwsFiles(deps);
  const rows = keyRows(files);
  if (options.json) {
    deps.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    deps.io.stderr.write("No profile has long-term keys. Set some up with `awsmfa configure`.\n");
    return ExitCode.ok;
  }
  deps.io.stdout.write(
    renderTable(
      ["PROFILE", "KEY STORE", "ACCESS KEY"],
      rows.map((row) => [
        { text: printableInLine(row.profile) },
        { text: row.store },
        { text: row.accessKeyId ?? "(unknown)" },
      ]),
    ),
  );
  const stores = await Promise.all(
    KEY_STORES.map(async (store) => ({ store, ok: await store.available(deps) })),
  );
  deps.io.stderr.write(
    `Key stores here: ${stores.map(({ store, ok }) => `${store.name} (${ok.available ? "available" : `not available: ${textInLine(ok.reason ?? "")}`})`).join(", ")}\n`,
  );
  return ExitCode.ok;
}
