/**
 * Where a profile's long-term keys live. One file per store behind this interface; registry.ts
 * lists them. A store holds one key pair per profile name and never prints a secret: errors
 * name the profile and the masked key id only.
 */
import type { Credentials } from "../aws/credentials.ts";
import type { AwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";

export const KEY_STORE_NAMES = ["credentials-file", "keychain", "pass", "encrypted-file"] as const;
export type KeyStoreName = (typeof KEY_STORE_NAMES)[number];

/** Here, not in registry.ts: the cached login asks it without loading every store. */
export function isKeyStoreName(name: string): name is KeyStoreName {
  return (KEY_STORE_NAMES as readonly string[]).includes(name);
}

/** The config key that names a profile's store (in its section of ~/.aws/config). */
export const KEY_STORE_SETTING = "awsmfa_key_store";
/**
 * The key id of the stored pair, kept next to KEY_STORE_SETTING. It is no secret, and it lets a
 * cached login, `keys list` and logout name the key without unlocking the store.
 */
export const KEY_ID_SETTING = "awsmfa_key_id";

/**
 * How long `pass` may take: gpg-agent may ask for the key's passphrase on the terminal
 * (pinentry); give it time. Here, not in pass.ts: the MFA lock's deadline counts it
 * (session/hold-budget.ts), and a login loads no key store it does not read.
 */
export const PASS_TIMEOUT_MS = 120_000;

export type StoreDeps = Pick<
  Deps,
  | "env"
  | "exec"
  | "fs"
  | "clock"
  | "processes"
  | "hooks"
  | "onInterrupt"
  | "io"
  | "terminal"
  | "platform"
  | "homedir"
  | "uid"
  | "gid"
>;

export interface Availability {
  available: boolean;
  /** Why not, for `keys list`, doctor and error messages. */
  reason?: string;
}

export interface KeyStore {
  name: KeyStoreName;
  /** One line for help and `keys list`. */
  summary: string;
  available(deps: StoreDeps): Promise<Availability>;
  /** The pair stored for this profile, or undefined when there is none. */
  read(profile: string, deps: StoreDeps): Promise<Credentials | undefined>;
  /**
   * Stores the pair for this profile. Other keys already stored there are replaced only when
   * their id is `replaces` (or the same id); else the store refuses.
   */
  write(profile: string, keys: Credentials, deps: StoreDeps, replaces?: string): Promise<void>;
  /** Removes the pair, but only if it is still the key `keyId` (no-op when nothing is there). */
  remove(profile: string, keyId: string, deps: StoreDeps): Promise<void>;
}

/** What a store entry holds, as text: the id and the secret, nothing else. */
export function encodeKeys(keys: Credentials): string {
  return JSON.stringify({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey });
}

export function decodeKeys(text: string): Credentials | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const id = value.accessKeyId;
    const secret = value.secretAccessKey;
    if (typeof id === "string" && typeof secret === "string" && id && secret) {
      return { accessKeyId: id, secretAccessKey: secret };
    }
  } catch {
    // not ours: treated as no keys, the caller says so
  }
  return undefined;
}

/** The key id noted beside the store's name, if any. */
export function notedKeyId(files: AwsFiles, profile: string): string | undefined {
  const value = files.config.get(profile)?.[KEY_ID_SETTING];
  return typeof value === "string" && value ? value : undefined;
}
