/**
 * pass, the standard Unix password manager (gpg underneath). Each profile's keys are the entry
 * awsmfa/PROFILE: the secret access key on the first line (pass's convention for "the
 * password"), then `aws_access_key_id: AKIA...`. Secrets go to `pass insert` on stdin and come
 * back on stdout (capped); argv holds only the entry's name. PASSWORD_STORE_DIR and GNUPGHOME
 * are honoured, as pass itself does.
 */
import type { Credentials } from "../aws/credentials.ts";
import { maskKeyId } from "../aws/credentials.ts";
import { UserError } from "../errors.ts";
import { printableInLine, textInLine } from "../system/printable.ts";
import { findProgram } from "../system/which.ts";
import { checkReplace } from "./replace-check.ts";
import { type KeyStore, PASS_TIMEOUT_MS, type StoreDeps } from "./store.ts";

export const PASS_PREFIX = "awsmfa/";
const TIMEOUT_MS = PASS_TIMEOUT_MS;
const MAX_OUTPUT = 64 * 1024;

export function passEntry(profile: string): string {
  // pass maps entry names to files: a name that climbs out of the store is refused.
  if (profile.split(/[\\/]/).some((part) => part === "" || part === "." || part === "..")) {
    throw new UserError(
      `Profile "${printableInLine(profile)}" cannot be stored in pass (its name is a path).`,
    );
  }
  return `${PASS_PREFIX}${profile}`;
}

export function formatEntry(keys: Credentials): string {
  return `${keys.secretAccessKey}\naws_access_key_id: ${keys.accessKeyId}\n`;
}

export function parseEntry(text: string): Credentials | undefined {
  const [secret, ...rest] = text.split(/\r?\n/);
  const idLine = rest.find((line) => /^aws_access_key_id:/.test(line));
  const id = idLine?.replace(/^aws_access_key_id:\s*/, "").trim();
  if (!secret || !id) return undefined;
  return { accessKeyId: id, secretAccessKey: secret.trim() };
}

async function pass(args: string[], deps: StoreDeps, input?: string) {
  const result = await deps.exec("pass", args, {
    env: { ...deps.env },
    timeoutMs: TIMEOUT_MS,
    maxOutput: MAX_OUTPUT,
    ...(input !== undefined ? { input } : {}),
  });
  if (result.spawnError) {
    throw new UserError("pass is not installed (or not on PATH).", {
      hint: "Install it (https://www.passwordstore.org/) and run `pass init YOUR-GPG-KEY-ID`.",
    });
  }
  return result;
}

function failed(what: string, stderr: string): UserError {
  // pass and gpg print no secrets on stderr; still, show only the first line, short.
  const line = stderr.trim().split("\n")[0]?.slice(0, 200) ?? "";
  return new UserError(`pass could not ${what}${line ? `: ${textInLine(line)}` : "."}`, {
    hint: "Check that `pass ls` works here and that gpg-agent can unlock your key, then run the command again.",
    code: "config",
  });
}

export const passStore: KeyStore = {
  name: "pass",
  summary: `pass (gpg), entries ${PASS_PREFIX}PROFILE`,
  async available(deps) {
    if (!(await findProgram("pass", deps))) {
      return { available: false, reason: "`pass` is not on PATH" };
    }
    const home = deps.env.PASSWORD_STORE_DIR ?? `${deps.homedir}/.password-store`;
    try {
      await deps.fs.stat(`${home}/.gpg-id`);
      return { available: true };
    } catch {
      return {
        available: false,
        reason: `no password store at ${printableInLine(home)} (run \`pass init\`)`,
      };
    }
  },
  async read(profile, deps) {
    const entry = passEntry(profile);
    const result = await pass(["show", entry], deps);
    if (result.code !== 0) {
      if (/is not in the password store/.test(result.stderr)) return undefined;
      throw failed(`read ${printableInLine(entry)}`, result.stderr);
    }
    if (result.overflowed)
      throw failed(`read ${printableInLine(entry)} (the entry is too large)`, "");
    const keys = parseEntry(result.stdout);
    if (!keys) {
      throw new UserError(
        `The pass entry ${printableInLine(entry)} does not hold keys the way awsmfa writes them.`,
        {
          hint: "Its first line must be the secret access key and another line `aws_access_key_id: AKIA...`.",
        },
      );
    }
    return keys;
  },
  async write(profile, keys, deps, replaces) {
    const entry = passEntry(profile);
    checkReplace("pass store", profile, await passStore.read(profile, deps), keys, replaces);
    const result = await pass(["insert", "--multiline", "--force", entry], deps, formatEntry(keys));
    if (result.code !== 0) {
      throw failed(
        `store ${maskKeyId(keys.accessKeyId)} in ${printableInLine(entry)}`,
        result.stderr,
      );
    }
  },
  async remove(profile, keyId, deps) {
    const entry = passEntry(profile);
    const there = await passStore.read(profile, deps);
    if (!there) return;
    if (there.accessKeyId !== keyId) {
      throw new UserError(
        `${printableInLine(entry)} holds other keys than expected; awsmfa left it there.`,
      );
    }
    const result = await pass(["rm", "--force", entry], deps);
    if (result.code !== 0) throw failed(`remove ${printableInLine(entry)}`, result.stderr);
  },
};
