/**
 * Today's place for long-term keys, and the default: aws_access_key_id and
 * aws_secret_access_key in the profile's section of ~/.aws/credentials, in plaintext. Every
 * edit is a minimal one under the file lock (the user's other bytes stay as they were).
 */
import type { Credentials } from "../aws/credentials.ts";
import { readOptional } from "../config/aws-files.ts";
import { TOKEN_KEYS } from "../config/key-state.ts";
import { awsPaths } from "../config/paths.ts";
import { sectionState } from "../config/section-state.ts";
import { UserError } from "../errors.ts";
import { fileOptionsFrom, readText, updateFile } from "../fs/index.ts";
import { deleteProfileKeys, profilesOf, setProfileKeys } from "../ini/index.ts";
import { printableInLine } from "../system/printable.ts";
import { checkReplace } from "./replace-check.ts";
import type { KeyStore, StoreDeps } from "./store.ts";

const KEY_NAMES = ["aws_access_key_id", "aws_secret_access_key"] as const;
const SESSION_ONLY = [...TOKEN_KEYS, "expiration"];

/**
 * Long-term keys in [profile] of credentials-file text, if any: the section is long-term as
 * writers decide it, and both values are there (an empty one is no key).
 */
export function keysInText(text: string | null, profile: string): Credentials | undefined {
  if (sectionState(text, profile) !== "long-term") return undefined;
  const values = profilesOf(text ?? "", "credentials").get(profile);
  const id = values?.aws_access_key_id;
  const secret = values?.aws_secret_access_key;
  if (typeof id !== "string" || typeof secret !== "string" || !id || !secret) return undefined;
  return { accessKeyId: id, secretAccessKey: secret };
}

/**
 * The text with `keys` as [profile]'s long-term keys: a session there (token, expiration) is
 * cleared first, so the section cannot mix long-term keys with a stale token. A minimal edit;
 * callers check under the lock that no other long-term keys are being replaced.
 */
export function textWithKeys(current: string | null, profile: string, keys: Credentials): string {
  const ref = { kind: "credentials" as const, profile };
  const cleared =
    sectionState(current, profile) === "session"
      ? deleteProfileKeys(current ?? "", ref, SESSION_ONLY)
      : (current ?? "");
  return setProfileKeys(cleared, ref, {
    aws_access_key_id: keys.accessKeyId,
    aws_secret_access_key: keys.secretAccessKey,
  });
}

function pathOf(deps: StoreDeps): string {
  return awsPaths(deps.env, deps.homedir, deps.platform).credentials;
}

export const credentialsFileStore: KeyStore = {
  name: "credentials-file",
  summary: "plaintext in ~/.aws/credentials (the default; readable by every program you run)",
  available: async () => ({ available: true }),
  async read(profile, deps) {
    // Read as every AWS file is read (config/aws-files.ts); updateFile below is the writer's.
    return keysInText(await readOptional(deps, pathOf(deps)), profile);
  },
  async write(profile, keys, deps, replaces) {
    await updateFile(
      deps.fs,
      pathOf(deps),
      (current) => {
        checkReplace("credentials file", profile, keysInText(current, profile), keys, replaces);
        return textWithKeys(current, profile, keys);
      },
      fileOptionsFrom(deps),
    );
  },
  async remove(profile, keyId, deps) {
    const path = pathOf(deps);
    if ((await readText(deps.fs, path)) === null) return;
    await updateFile(
      deps.fs,
      path,
      (current) => {
        const there = keysInText(current, profile);
        if (!there) return current;
        if (there.accessKeyId !== keyId) {
          throw new UserError(
            `[${printableInLine(profile)}] of ${printableInLine(path)} holds other keys than expected; awsmfa left them there.`,
            { hint: "Run the command again: it looks at the file as it is now." },
          );
        }
        return deleteProfileKeys(current ?? "", { kind: "credentials", profile }, KEY_NAMES);
      },
      fileOptionsFrom(deps),
    );
  },
};
