/**
 * The encrypted key file, pure functions of text and passphrase. scrypt (node:crypto) turns the
 * passphrase into 64 bytes: an AES-256-GCM key and a separate check key. The check (an HMAC of
 * a fixed label) tells a wrong passphrase from a changed file; GCM's tag refuses any changed
 * byte of the data. A fresh salt and IV on every write.
 */
import type { Credentials } from "../aws/credentials.ts";
import { UserError } from "../errors.ts";
import { nodeCrypto } from "../fs/node-crypto.ts";
import { printableInLine } from "../system/printable.ts";

export const FORMAT = "awsmfa-encrypted-keys/1";
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const CHECK_LABEL = "awsmfa passphrase check";

export type KeyMap = Record<string, Credentials>;

interface FileShape {
  format: string;
  kdf: { name: "scrypt"; N: number; r: number; p: number; salt: string };
  check: string;
  iv: string;
  data: string;
}

function derive(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }) {
  const bytes = nodeCrypto().scryptSync(passphrase, salt, 64, { ...kdf, maxmem: SCRYPT.maxmem });
  const checkKey = bytes.subarray(32);
  return {
    key: bytes.subarray(0, 32),
    check: nodeCrypto().createHmac("sha256", checkKey).update(CHECK_LABEL).digest(),
  };
}

export function encryptKeys(keys: KeyMap, passphrase: string): string {
  const salt = nodeCrypto().randomBytes(16);
  const iv = nodeCrypto().randomBytes(12);
  const kdf = { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p };
  const { key, check } = derive(passphrase, salt, kdf);
  const cipher = nodeCrypto().createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(FORMAT));
  const body = Buffer.concat([cipher.update(JSON.stringify(keys), "utf8"), cipher.final()]);
  const shape: FileShape = {
    format: FORMAT,
    kdf: { name: "scrypt", ...kdf, salt: salt.toString("base64") },
    check: check.toString("base64"),
    iv: iv.toString("base64"),
    data: Buffer.concat([body, cipher.getAuthTag()]).toString("base64"),
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}

export class WrongPassphraseError extends UserError {}

/** The key map in the file; UserError for a damaged file, WrongPassphraseError for a wrong one. */
export function decryptKeys(text: string, passphrase: string, path: string): KeyMap {
  const shape = parseShape(text, path);
  const salt = Buffer.from(shape.kdf.salt, "base64");
  const { key, check } = derive(passphrase, salt, shape.kdf);
  const stored = Buffer.from(shape.check, "base64");
  if (stored.length !== check.length || !nodeCrypto().timingSafeEqual(stored, check)) {
    throw new WrongPassphraseError(`Wrong passphrase for ${printableInLine(path)}.`, {
      hint: "Nothing was changed. Try again (AWSMFA_KEY_STORE_PASSPHRASE, if set, holds the wrong one).",
    });
  }
  const data = Buffer.from(shape.data, "base64");
  if (data.length < 16) throw damaged(path);
  try {
    const decipher = nodeCrypto().createDecipheriv(
      "aes-256-gcm",
      key,
      Buffer.from(shape.iv, "base64"),
    );
    decipher.setAAD(Buffer.from(FORMAT));
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]);
    const parsed = JSON.parse(plain.toString("utf8")) as unknown;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw damaged(path);
    return parsed as KeyMap;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw damaged(path);
  }
}

function parseShape(text: string, path: string): FileShape {
  let value: Partial<FileShape>;
  try {
    value = JSON.parse(text) as Partial<FileShape>;
  } catch {
    throw damaged(path);
  }
  const kdf = value?.kdf;
  const ok =
    value?.format === FORMAT &&
    kdf?.name === "scrypt" &&
    [kdf.N, kdf.r, kdf.p].every((n) => Number.isInteger(n) && n > 0) &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    128 * kdf.N * kdf.r <= SCRYPT.maxmem &&
    kdf.p <= 16 &&
    [kdf.salt, value.check, value.iv, value.data].every((s) => typeof s === "string");
  if (!ok) throw damaged(path);
  return value as FileShape;
}

function damaged(path: string): UserError {
  return new UserError(
    `${printableInLine(path)} is damaged or was changed by something other than awsmfa; awsmfa refuses to use it.`,
    {
      hint: "Restore it from a backup, or move it aside and store your keys again with `awsmfa configure PROFILE --key-store encrypted-file`.",
    },
  );
}
