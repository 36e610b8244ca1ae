/**
 * Configure's key-store step: which store the long-term keys go to (--key-store, else asked
 * when an OS key store or pass is usable here, keychain first; else the credentials file, as
 * before), and putting them there. New keys go straight into the store and never touch
 * ~/.aws/credentials; keys already in the file are moved with keys/move.ts (crash-safe).
 */
import { maskKeyId } from "../../aws/credentials.ts";
import { type AwsFiles, readAwsFiles } from "../../config/aws-files.ts";
import type { Deps } from "../../deps.ts";
import { UserError } from "../../errors.ts";
import { moveKeys } from "../../keys/move.ts";
import { placementOf, setPlacement } from "../../keys/placement.ts";
import { KEY_STORES, keyStore } from "../../keys/registry.ts";
import type { KeyStoreName } from "../../keys/store.ts";
import { printableInLine } from "../../system/printable.ts";
import { askSelect } from "../../ui/prompts.ts";
import { questionDeadline } from "../../ui/question-deadline.ts";
import type { KeyPlan } from "./choose-keys.ts";

export async function chooseKeyStore(
  flag: KeyStoreName | undefined,
  files: AwsFiles,
  target: string,
  deps: Deps,
): Promise<KeyStoreName> {
  if (flag) return flag;
  const current = placementOf(files, target);
  if (current !== "credentials-file") return current;
  const terminal = deps.terminal();
  if (!terminal) return "credentials-file";
  const usable = [];
  for (const store of KEY_STORES) {
    if ((await store.available(deps)).available) usable.push(store);
  }
  if (!usable.some((store) => store.name === "keychain" || store.name === "pass")) {
    return "credentials-file";
  }
  return askSelect(
    terminal,
    "Where should the long-term keys live?",
    usable.map((store) => ({ name: `${store.name}: ${store.summary}`, value: store.name })),
    questionDeadline(deps.env),
  );
}

/** The key store named, if it can be used here (also checked before the keys are asked for). */
export async function availableStore(store: KeyStoreName, deps: Deps) {
  const chosen = keyStore(store);
  const availability = await chosen.available(deps);
  if (!availability.available) {
    throw new UserError(`The ${store} key store is not available here: ${availability.reason}.`, {
      hint: "Pick another with --key-store; nothing was stored.",
    });
  }
  return chosen;
}

export async function storeKeys(
  store: KeyStoreName,
  plan: KeyPlan,
  files: AwsFiles,
  deps: Deps,
  say: (line: string) => void,
): Promise<void> {
  if (store === "credentials-file" && placementOf(files, plan.target) === "credentials-file")
    return;
  const shown = maskKeyId(plan.keys.accessKeyId);
  if (plan.kind === "new") {
    const chosen = await availableStore(store, deps);
    await chosen.write(plan.target, plan.keys, deps);
    const back = await chosen.read(plan.target, deps);
    if (back?.secretAccessKey !== plan.keys.secretAccessKey) {
      throw new UserError(`The ${store} key store did not give back the keys ${shown}.`);
    }
    await setPlacement(files, plan.target, store, plan.keys, deps);
    say(`Saved the keys ${shown} for ${printableInLine(plan.target)} in the ${store} key store`);
    return;
  }
  const result = await moveKeys(await readAwsFiles(deps), plan.target, store, deps);
  if (result.moved)
    say(`Moved the keys ${shown} of ${printableInLine(plan.target)} to the ${store} key store`);
}
