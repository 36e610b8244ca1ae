/**
 * Random identifiers shaped like AWS's, so code under test meets realistic values: key ids of
 * the right prefix and length, secrets and tokens that contain `/`, `+` and `=` (the characters
 * that break naive quoting), 12-digit accounts.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function pick(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** AKIA... (long-term) or ASIA... (temporary): the prefix plus 16 upper-case alphanumerics. */
export function accessKeyId(prefix: "AKIA" | "ASIA"): string {
  return prefix + pick(UPPER_ALNUM, 16);
}

/** AIDA... (users) or AROA... (roles): the prefix plus 17 upper-case alphanumerics. */
export function principalId(prefix: "AIDA" | "AROA"): string {
  return prefix + pick(UPPER_ALNUM, 17);
}

/** Overwrites random distinct positions of `text` with the given characters. */
function plant(text: string, characters: string[]): string {
  const chars = [...text];
  const used = new Set<number>();
  for (const c of characters) {
    let at = randomInt(chars.length);
    while (used.has(at)) at = randomInt(chars.length);
    used.add(at);
    chars[at] = c;
  }
  return chars.join("");
}

/** 40 base64 characters, always including `/` and `+`. */
export function secretAccessKey(): string {
  return plant(randomBytes(30).toString("base64"), ["/", "+"]);
}

/**
 * A long session token like STS's (they start with the base64 of "\n\torigin_ec..."), always
 * containing `/`, `+` and ending in `=` padding.
 */
export function sessionToken(): string {
  // 400 bytes encode to 536 characters ending in "=="; plant only before the padding.
  const body = randomBytes(400).toString("base64").slice(0, -2);
  return `IQoJb3JpZ2luX2Vj${plant(body, ["/", "+"])}==`;
}

/** 12 digits; the first is not 0 unless asked for explicitly (tests pass such accounts). */
export function account(): string {
  return String(randomInt(1, 10)) + pick("0123456789", 11);
}

/** A base32 TOTP seed of 20 random bytes (32 characters), like IAM's virtual devices. */
export function totpSeed(): string {
  return pick(BASE32, 32);
}

export function requestId(): string {
  return randomUUID();
}

/** A short lower-case suffix for default names. */
export function nameSuffix(): string {
  return pick("abcdefghijklmnopqrstuvwxyz0123456789", 6);
}

/** The id IAM appends to a FIDO security key's name in its ARN: 26 upper-case letters. */
export function securityKeySuffix(): string {
  return pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 26);
}
