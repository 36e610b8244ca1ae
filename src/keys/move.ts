/**
 * Moves a profile's long-term keys from one store to another, crash-safe like configure's move
 * inside the credentials file: (1) write the keys to the new store, (2) read them back and
 * compare, (3) point the config at the new store, (4) remove them from the old one. Killed
 * between any two steps, the keys are in at least one place the config can reach; a rerun
 * starts again from what is there now and finishes the move (removing a leftover copy only when
 * it is the very same key).
 */
import { type Credentials, maskKeyId } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { placementOf, setPlacement } from "./placement.ts";
import { KEY_STORES, keyStore } from "./registry.ts";
import type { KeyStoreName, StoreDeps } from "./store.ts";

export interface MoveResult {
  from: KeyStoreName;
  to: KeyStoreName;
  keys: Credentials;
  /** False when the keys were there already (a rerun that only cleaned up). */
  moved: boolean;
  /** Stores a leftover copy was removed from. */
  cleaned: KeyStoreName[];
}

/** Called after steps 1-3 (Deps' afterStep fault hook): crash tests end the process there. */
type StepHook = (step: number) => void;

export async function moveKeys(
  files: AwsFiles,
  profile: string,
  to: KeyStoreName,
  deps: StoreDeps,
  afterStep: StepHook = () => {},
): Promise<MoveResult> {
  const from = placementOf(files, profile);
  const target = keyStore(to);
  const availability = await target.available(deps);
  if (!availability.available) {
    throw new UserError(
      `The ${printableInLine(to)} key store is not available here: ${availability.reason}.`,
      {
        hint: "Pick another store with --to (`awsmfa keys list` shows which are available).",
      },
    );
  }
  const keys = (await keyStore(from).read(profile, deps)) ?? (await target.read(profile, deps));
  if (!keys) {
    throw new UserError(
      `No long-term keys for ${printableInLine(profile)} in the ${printableInLine(from)} key store.`,
      {
        hint: "`awsmfa keys list` shows where each profile's keys are.",
      },
    );
  }
  const moved = from !== to;
  if (moved) {
    await target.write(profile, keys, deps, keys.accessKeyId);
    afterStep(1);
    const back = await target.read(profile, deps);
    if (back?.accessKeyId !== keys.accessKeyId || back.secretAccessKey !== keys.secretAccessKey) {
      throw new UserError(
        `The ${printableInLine(to)} key store did not give back the keys ${maskKeyId(keys.accessKeyId)} just written; they stay in the ${printableInLine(from)} key store.`,
      );
    }
    afterStep(2);
    await setPlacement(files, profile, to, keys, deps);
    afterStep(3);
  }
  const cleaned = await removeCopies(profile, to, keys, deps);
  return { from, to, keys, moved, cleaned };
}

/** Removes the same key from every other store that holds it (the old place, or leftovers). */
async function removeCopies(
  profile: string,
  keep: KeyStoreName,
  keys: Credentials,
  deps: StoreDeps,
): Promise<KeyStoreName[]> {
  const cleaned: KeyStoreName[] = [];
  for (const store of KEY_STORES) {
    if (store.name === keep || !(await store.available(deps)).available) continue;
    if (store.name === "encrypted-file" && !(await hasKeyFile(deps))) continue;
    const there = await store.read(profile, deps).catch(() => undefined);
    if (there?.accessKeyId !== keys.accessKeyId || there.secretAccessKey !== keys.secretAccessKey) {
      continue;
    }
    await store.remove(profile, keys.accessKeyId, deps);
    cleaned.push(store.name);
  }
  return cleaned;
}

async function hasKeyFile(deps: StoreDeps): Promise<boolean> {
  const { keyFilePath } = await import("./encrypted-file.ts");
  try {
    await deps.fs.stat(keyFilePath(deps));
    return true;
  } catch {
    return false;
  }
}
