/** awsmfa keys move PROFILE --to STORE: the command's side of keys/move.ts. */
import { maskKeyId } from "../../aws/credentials.ts";
import { readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { ExitCode } from "../../errors.ts";
import { moveKeys } from "../../keys/move.ts";
import type { KeyStoreName } from "../../keys/store.ts";

export async function runKeysMove(
  options: { profile: string; to: KeyStoreName },
  deps: Deps,
): Promise<number> {
  const files = await readAwsFiles(deps);
  const result = await moveKeys(files, options.profile, options.to, deps, (step) =>
    deps.hooks?.afterStep?.(step),
  );
  const shown = maskKeyId(result.keys.accessKeyId);
  const say = (line: string) => deps.io.stderr.write(`${line}\n`);
  if (result.moved)
    say(`Moved the keys ${shown} of ${options.profile} from ${result.from} to ${result.to}.`);
  else say(`The keys ${shown} of ${options.profile} are in ${result.to} already.`);
  for (const store of result.cleaned) say(`Removed the copy left in ${store}.`);
  return ExitCode.ok;
}
