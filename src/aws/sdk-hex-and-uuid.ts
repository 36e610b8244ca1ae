/**
 * @smithy/core/serde's hex encoding and uuid v4 (the SDK's invocation ids), the same functions
 * without the tables the package's modules build when they load: a fresh login loads the SDK
 * once and used to pay for both. The uuid module fills a 256-entry table through Array.from
 * for a fallback that never runs where `crypto.randomUUID` exists (Bun has it); the hex
 * module fills two 256-entry objects for toHex (SigV4's signatures and hashes). Together
 * ~0.6 ms of a compiled probe's CPU, cold (docs/performance.md, "Fresh login, SDK side").
 * aws/sdk-serde-stand-in.ts hands these to the SDK in the binary; tests/aws/sdk-stand-ins.test.ts
 * holds their answers and errors to the package's.
 */

const DIGITS = "0123456789abcdef";

/** The package's toHex: two lower-case digits per byte; what is no byte reads "undefined". */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.byteLength; i++) {
    const byte = bytes[i];
    // The package looks each value up in a table of 0-255 (a Uint8Array holds nothing else).
    out +=
      byte !== undefined && Number.isInteger(byte) && byte >= 0 && byte <= 255
        ? DIGITS[byte >> 4]! + DIGITS[byte & 15]!
        : "undefined";
  }
  return out;
}

/** A hexadecimal digit's value (either case), or -1. */
function digitValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The package's fromHex, its errors included. */
export function fromHex(encoded: string): Uint8Array {
  if (encoded.length % 2 !== 0) {
    throw new Error("Hex encoded strings must have an even number length");
  }
  const out = new Uint8Array(encoded.length / 2);
  for (let i = 0; i < encoded.length; i += 2) {
    const high = digitValue(encoded.charCodeAt(i));
    const low = digitValue(encoded.charCodeAt(i + 1));
    if (high < 0 || low < 0) {
      const pair = encoded.slice(i, i + 2).toLowerCase();
      throw new Error(`Cannot decode unrecognized sequence ${pair} as hexadecimal`);
    }
    out[i / 2] = high * 16 + low;
  }
  return out;
}

let byteHex: string[] | undefined;

/**
 * The package's bindV4: `crypto.randomUUID` where there is one, else a version 4 uuid made of
 * `getRandomValues`' bytes, whose table is made on the first such call.
 */
export function bindV4(getRandomValues: (array: Uint8Array) => unknown): () => string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") {
    return () => crypto.randomUUID();
  }
  return () => {
    const r = new Uint8Array(16);
    getRandomValues(r);
    r[6] = (r[6]! & 0x0f) | 0x40;
    r[8] = (r[8]! & 0x3f) | 0x80;
    byteHex ??= Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
    const h = (i: number) => byteHex![r[i]!]!;
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
  };
}
