/** awsmfa keys move PROFILE --to STORE: the command's side of keys/move.ts. */
import { maskKeyId } from "../../aws/credentials.ts";
import { type AwsFiles, readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode } from "../../errors.ts";
import { keysInText } from "../../keys/credentials-file.ts";
import { moveKeys } from "../../keys/move.ts";
import { placementOf } from "../../keys/placement.ts";
import type { KeyStoreName } from "../../keys/store.ts";
import { findLongTermKeys } from "../../session/long-term.ts";
import { printableInLine } from "../../system/printable.ts";

export async function runKeysMove(
  options: { profile: string; to: KeyStoreName },
  deps: Deps,
): Promise<number> {
  const files = await readAwsFiles(deps);
  const holder = holderOf(files, options.profile);
  if (holder !== options.profile) {
    deps.io.stderr.write(
      `The long-term keys of ${printableInLine(options.profile)} are those of ${printableInLine(holder)}.\n`,
    );
  }
  const result = await moveKeys(files, holder, options.to, deps, (step) =>
    deps.hooks.afterStep?.(step),
  );
  const shown = maskKeyId(result.keys.accessKeyId);
  const say = (line: string) => deps.io.stderr.write(`${line}\n`);
  if (result.moved)
    say(
      `Moved the keys ${shown} of ${printableInLine(holder)} from ${result.from} to ${result.to}.`,
    );
  else say(`The keys ${shown} of ${printableInLine(holder)} are in ${result.to} already.`);
  for (const store of result.cleaned) say(`Removed the copy left in ${store}.`);
  return ExitCode.ok;
}

/**
 * The profile that holds the keys: PROFILE itself when it has keys or names a store, else the
 * long-term profile a login of PROFILE would use (`keys move prod` moves prod-long-term's).
 */
function holderOf(files: AwsFiles, profile: string): string {
  if (placementOf(files, profile) !== "credentials-file") return profile;
  if (keysInText(files.credentialsText, profile)) return profile;
  try {
    return findLongTermKeys(files, profile, undefined).profile;
  } catch {
    return profile; // moveKeys says there are no keys, naming this profile
  }
}
