/**
 * Where a profile's long-term keys are, as the config says (`awsmfa_key_store`, default the
 * credentials file), and the one config edit that changes it. The config is changed only after
 * the keys are verified in their new place, so it never points at a store that lacks them.
 */
import type { Credentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import { fileOptionsFrom, updateFile } from "../fs/index.ts";
import { deleteProfileKeys, setProfileKeys } from "../ini/index.ts";
import {
  isKeyStoreName,
  KEY_ID_SETTING,
  KEY_STORE_SETTING,
  type KeyStoreName,
  type StoreDeps,
} from "./store.ts";

/** The store the config names for the profile (unknown names count as the default here). */
export function placementOf(files: AwsFiles, profile: string): KeyStoreName {
  const name = files.config.get(profile)?.[KEY_STORE_SETTING];
  return typeof name === "string" && isKeyStoreName(name) ? name : "credentials-file";
}

/** A setting of the profile's config section as text, when it has a non-empty one. */
function configText(files: AwsFiles, profile: string, key: string): string | undefined {
  const value = files.config.get(profile)?.[key];
  return typeof value === "string" && value ? value : undefined;
}

/** Points the profile's config at `store` (a minimal edit; the default removes the keys). */
export async function setPlacement(
  files: AwsFiles,
  profile: string,
  store: KeyStoreName,
  keys: Credentials,
  deps: StoreDeps,
): Promise<void> {
  const ref = { kind: "config" as const, profile };
  await updateFile(
    deps.fs,
    files.paths.config,
    (current) => {
      if (store === "credentials-file") {
        if (current === null) return null;
        return deleteProfileKeys(current, ref, [KEY_STORE_SETTING, KEY_ID_SETTING]);
      }
      return setProfileKeys(current ?? "", ref, {
        [KEY_STORE_SETTING]: store,
        [KEY_ID_SETTING]: keys.accessKeyId,
      });
    },
    fileOptionsFrom(deps),
  );
}

/**
 * `awsmfa_rotating_from = AKIA...` (an id, no secret): set while `keys rotate` replaces that
 * key, so that a rerun after an interruption knows which of two keys is the old one.
 */
export const ROTATING_SETTING = "awsmfa_rotating_from";

export function rotatingFrom(files: AwsFiles, profile: string): string | undefined {
  return configText(files, profile, ROTATING_SETTING);
}

export async function setRotating(
  path: string,
  profile: string,
  keyId: string | undefined,
  deps: StoreDeps,
): Promise<void> {
  const ref = { kind: "config" as const, profile };
  await updateFile(
    deps.fs,
    path,
    (current) =>
      keyId === undefined
        ? current === null
          ? null
          : deleteProfileKeys(current, ref, [ROTATING_SETTING])
        : setProfileKeys(current ?? "", ref, { [ROTATING_SETTING]: keyId }),
    fileOptionsFrom(deps),
  );
}
