/**
 * For servers and containers with no key store: every profile's keys in one file, encrypted
 * (encrypted-format.ts), mode 0600, at $XDG_CONFIG_HOME/awsmfa/keys.enc (~/.config/awsmfa on
 * Linux, ~/Library/Application Support/awsmfa on macOS, %APPDATA%\awsmfa on Windows), or where
 * AWSMFA_KEY_STORE_FILE says. The passphrase comes from the terminal, or from
 * AWSMFA_KEY_STORE_PASSPHRASE (less safe: the environment is visible to the user's processes).
 * Changes are made under the file lock; a wrong passphrase or a damaged file changes nothing.
 */
import { dirname, join } from "node:path";
import { maskKeyId } from "../aws/credentials.ts";
import { expandHome } from "../config/paths.ts";
import { unsafeFolder } from "../config/unsafe-folder.ts";
import { UserError } from "../errors.ts";
import { fileOptionsFrom, readText, updateFile } from "../fs/index.ts";
import { currentUser } from "../fs/owner.ts";
import { checkPrivateFolder } from "../fs/private-folder.ts";
import { printableInLine } from "../system/printable.ts";
import { askSecret, noTerminalError } from "../ui/prompts.ts";
import { questionDeadline } from "../ui/question-deadline.ts";
import { decryptKeys, encryptKeys, type KeyMap } from "./encrypted-format.ts";
import { checkReplace } from "./replace-check.ts";
import type { KeyStore, StoreDeps } from "./store.ts";

export const PASSPHRASE_ENV = "AWSMFA_KEY_STORE_PASSPHRASE";

export function keyFilePath(deps: Pick<StoreDeps, "env" | "homedir" | "platform">): string {
  const { env, homedir, platform } = deps;
  if (env.AWSMFA_KEY_STORE_FILE) return expandHome(env.AWSMFA_KEY_STORE_FILE, homedir);
  let folder: string;
  if (env.XDG_CONFIG_HOME?.startsWith("/")) folder = env.XDG_CONFIG_HOME;
  else if (platform === "darwin") folder = join(homedir, "Library", "Application Support");
  else if (platform === "win32" && env.APPDATA) folder = env.APPDATA;
  else folder = join(homedir, ".config");
  return join(folder, "awsmfa", "keys.enc");
}

/**
 * The file's folder must be this user's alone, as the cache folder must: whoever can write it
 * could swap the file for a link and receive the encrypted keys (to guess the passphrase at
 * leisure), or put their own file there. False when the folder is missing (and not created).
 */
async function checkKeyFolder(deps: StoreDeps, create: boolean): Promise<boolean> {
  const folder = dirname(keyFilePath(deps));
  const checked = await checkPrivateFolder(deps.fs, folder, [], {
    user: currentUser(deps),
    create,
  });
  if (checked === null) return false;
  if (checked.ok) return true;
  throw unsafeFolder(checked.problem, folder, {
    name: "key store folder",
    risk: "who could swap your encrypted keys for theirs or take a copy",
    elsewhere: deps.env.AWSMFA_KEY_STORE_FILE
      ? "point AWSMFA_KEY_STORE_FILE at a file in a folder only you can write."
      : "set AWSMFA_KEY_STORE_FILE to a file in a folder only you can write.",
  });
}

/** One passphrase per run: a move or a rotation reads and writes the file more than once. */
const remembered = new WeakMap<object, string>();

async function passphrase(deps: StoreDeps, path: string, creating: boolean): Promise<string> {
  const known = remembered.get(deps.env);
  if (known !== undefined) return known;
  let value = deps.env[PASSPHRASE_ENV];
  if (!value) {
    const terminal = deps.terminal();
    if (!terminal) {
      throw noTerminalError(
        `the passphrase of ${printableInLine(path)}`,
        `Set ${PASSPHRASE_ENV} (less safe: other programs of yours can read your environment).`,
      );
    }
    value = await askSecret(
      terminal,
      `Passphrase for ${printableInLine(path)}:`,
      questionDeadline(deps.env),
    );
    if (creating) {
      const again = await askSecret(
        terminal,
        "The same passphrase again:",
        questionDeadline(deps.env),
      );
      if (again !== value) throw new UserError("The passphrases differ; nothing was stored.");
    }
  }
  if (creating && value.length < 8) {
    throw new UserError("The passphrase is too short (8 characters at least); nothing was stored.");
  }
  remembered.set(deps.env, value);
  return value;
}

async function readAll(deps: StoreDeps): Promise<KeyMap> {
  const path = keyFilePath(deps);
  if (!(await checkKeyFolder(deps, false))) return {};
  const text = await readText(deps.fs, path);
  if (text === null) return {};
  return decryptKeys(text, await passphrase(deps, path, false), path);
}

/** Applies `change` to the key map under the file lock, and writes it back encrypted. */
async function edit(deps: StoreDeps, change: (keys: KeyMap) => KeyMap | undefined) {
  const path = keyFilePath(deps);
  await checkKeyFolder(deps, true);
  const existing = (await readText(deps.fs, path)) !== null;
  const secret = await passphrase(deps, path, !existing);
  await updateFile(
    deps.fs,
    path,
    (current) => {
      const keys = current === null ? {} : decryptKeys(current, secret, path);
      const next = change(keys);
      if (next === undefined) return current;
      return encryptKeys(next, secret);
    },
    { ...fileOptionsFrom(deps), mode: 0o600 },
  );
  // updateFile keeps an existing file's mode; this file is ours and must stay 0600.
  if (deps.platform !== "win32") await deps.fs.chmod(path, 0o600);
}

export const encryptedFileStore: KeyStore = {
  name: "encrypted-file",
  summary: "one file encrypted with a passphrase (scrypt + AES-256-GCM), for servers",
  available: async () => ({ available: true }),
  async read(profile, deps) {
    return (await readAll(deps))[profile];
  },
  async write(profile, keys, deps, replaces) {
    await edit(deps, (all) => {
      checkReplace("encrypted key file", profile, all[profile], keys, replaces);
      return {
        ...all,
        [profile]: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
      };
    });
  },
  async remove(profile, keyId, deps) {
    if (!(await checkKeyFolder(deps, false))) return;
    if ((await readText(deps.fs, keyFilePath(deps))) === null) return;
    await edit(deps, (all) => {
      const there = all[profile];
      if (!there) return undefined;
      if (there.accessKeyId !== keyId) {
        throw new UserError(
          `The encrypted key file holds other keys for ${printableInLine(profile)} (${maskKeyId(there.accessKeyId)}) than expected; awsmfa left them there.`,
        );
      }
      const { [profile]: _gone, ...rest } = all;
      return rest;
    });
  },
};
