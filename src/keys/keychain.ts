/**
 * The operating system's key store, through keyring-rs (keychain-addon.ts): one generic
 * password per profile, service "awsmfa", account = the profile name, holding the key id and
 * secret as JSON. On Linux the entry is pinned to the Secret Service: keyring-rs would
 * otherwise fall back to the kernel keyring, which forgets everything at reboot.
 * The secret passes from memory to the store over the platform API: no child process, no argv.
 */
import { maskKeyId } from "../aws/credentials.ts";
import { pasteableCommand, profileArg, UserError } from "../errors.ts";
import { printableInLine, textInLine } from "../system/printable.ts";
import { type KeyringEntry, keyringAddon } from "./keychain-addon.ts";
import { checkReplace } from "./replace-check.ts";
import { decodeKeys, encodeKeys, type KeyStore, type StoreDeps } from "./store.ts";

export const KEYCHAIN_SERVICE = "awsmfa";
const PROBE_ACCOUNT = "awsmfa-availability-probe";

function entry(profile: string): KeyringEntry {
  const { Entry } = keyringAddon();
  return new Entry(KEYCHAIN_SERVICE, profile, { linux: { store: "secret-service" } });
}

function storeError(what: string, error: unknown, deps: StoreDeps): UserError {
  const detail = error instanceof Error ? error.message : String(error);
  const hint =
    deps.platform === "linux"
      ? "The Secret Service (GNOME Keyring, KWallet or KeePassXC) must be running and unlocked in this session (D-Bus: DBUS_SESSION_BUS_ADDRESS). Over ssh or in a container, use --key-store pass or encrypted-file."
      : "Unlock the key store (log in to the desktop session) and try again.";
  return new UserError(`The OS key store could not ${what}: ${textInLine(detail)}`, {
    hint,
    cause: error,
  });
}

function tryStore<T>(what: string, deps: StoreDeps, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storeError(what, error, deps);
  }
}

export const keychainStore: KeyStore = {
  name: "keychain",
  summary: "the OS key store: macOS Keychain, Windows Credential Manager, Secret Service (Linux)",
  async available(deps) {
    if (deps.platform === "linux" && !deps.env.DBUS_SESSION_BUS_ADDRESS) {
      return { available: false, reason: "no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset)" };
    }
    try {
      entry(PROBE_ACCOUNT).getPassword();
      return { available: true };
    } catch (error) {
      return { available: false, reason: error instanceof Error ? error.message : String(error) };
    }
  },
  async read(profile, deps) {
    const text = tryStore("be read", deps, () => entry(profile).getPassword());
    if (text === null) return undefined;
    const keys = decodeKeys(text);
    if (!keys) {
      throw new UserError(
        `The OS key store's entry for ${printableInLine(profile)} (service ${KEYCHAIN_SERVICE}) is not one awsmfa wrote.`,
        {
          hint: `Remove it with your key store's tool, then store the keys again with \`${pasteableCommand("awsmfa", "configure", "--key-store", "keychain", profileArg(profile))}\`.`,
        },
      );
    }
    return keys;
  },
  async write(profile, keys, deps, replaces) {
    const there = await keychainStore.read(profile, deps).catch(() => undefined);
    checkReplace("OS key store", profile, there, keys, replaces);
    tryStore(`store the keys ${maskKeyId(keys.accessKeyId)}`, deps, () =>
      entry(profile).setPassword(encodeKeys(keys)),
    );
  },
  async remove(profile, keyId, deps) {
    const there = await keychainStore.read(profile, deps);
    if (!there) return;
    if (there.accessKeyId !== keyId) {
      throw new UserError(
        `The OS key store holds other keys for ${printableInLine(profile)} than expected; awsmfa left them there.`,
      );
    }
    tryStore("remove the old entry", deps, () => entry(profile).deletePassword());
  },
};
