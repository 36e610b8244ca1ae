/**
 * Loads @napi-rs/keyring (keyring-rs): macOS Keychain, Windows Credential Manager, and the
 * Secret Service over D-Bus on Linux (GNOME Keyring, KWallet, KeePassXC), with no libdbus and
 * no helper program. build.ts defines AWSMFA_KEYRING_ADDON per target, so each compiled binary
 * embeds exactly its own .node file (a static require the bundler can see) and needs no file
 * beside it; development runs and tests take the package's own loader.
 */
declare const AWSMFA_KEYRING_ADDON: string | undefined;

export interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deletePassword(): boolean;
}

export interface KeyringModule {
  Entry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: "secret-service" | "keyutils" } },
  ) => KeyringEntry;
}

let loaded: KeyringModule | undefined;

/** The addon, loaded on first use (it costs start-up time every other command need not pay). */
export function keyringAddon(): KeyringModule {
  loaded ??= load();
  return loaded;
}

function load(): KeyringModule {
  const target = typeof AWSMFA_KEYRING_ADDON === "string" ? AWSMFA_KEYRING_ADDON : "";
  if (target === "linux-x64") {
    return require("@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node");
  }
  if (target === "linux-arm64") {
    return require("@napi-rs/keyring-linux-arm64-gnu/keyring.linux-arm64-gnu.node");
  }
  if (target === "darwin-x64") {
    return require("@napi-rs/keyring-darwin-x64/keyring.darwin-x64.node");
  }
  if (target === "darwin-arm64") {
    return require("@napi-rs/keyring-darwin-arm64/keyring.darwin-arm64.node");
  }
  if (target === "windows-x64") {
    return require("@napi-rs/keyring-win32-x64-msvc/keyring.win32-x64-msvc.node");
  }
  return require("@napi-rs/keyring");
}
