/**
 * SHA-256, HMAC-SHA-256 and random bytes without node:crypto where the runtime has its own:
 * Bun's native `Bun.CryptoHasher` and the web's `crypto.getRandomValues`. Loading node:crypto
 * costs ~1.1 ms of CPU beyond node:stream, which it loads too (~3.7 ms in all in a compiled
 * probe; docs/performance.md, the fresh login's eleventh round), and a fresh login needed it
 * only for these: the lock and cache file names, the reuse guard's digest, temp and lock
 * tokens, and the SigV4 signature of its one STS call (clients.ts gives the SDK `Sha256`
 * below; aws/sdk-checksum-stand-in.ts keeps the SDK's own, which loads node:crypto, out of the
 * binary). Without Bun (node, or a runtime without the class), node:crypto, loaded on first
 * use. Both give the same bytes: tests/system/hashes.test.ts compares them on many inputs.
 */
import type { Checksum, SourceData } from "@smithy/types";

type NodeCrypto = typeof import("node:crypto");
type NativeHasher = typeof Bun.CryptoHasher;

/** A running hash or HMAC of either kind (node's Hmac has no copy; only hashes are copied). */
interface Running {
  update(data: string | Uint8Array): unknown;
  digest(): Uint8Array;
  copy?(): Running;
}

let nodeLoaded: NodeCrypto | undefined;

/** node:crypto, loaded once and only when there is no Bun (`require` keeps the call lazy). */
function nodeCrypto(): NodeCrypto {
  nodeLoaded ??= require("node:crypto") as NodeCrypto;
  return nodeLoaded;
}

/** Bun's native hasher when the runtime is Bun; undefined elsewhere. */
let BunHasher: NativeHasher | undefined =
  typeof Bun !== "undefined" && typeof Bun.CryptoHasher === "function"
    ? Bun.CryptoHasher
    : undefined;

/** For tests: run the other path (undefined: node:crypto), so both are compared under bun. */
export function useHasher(hasher: NativeHasher | undefined): void {
  BunHasher = hasher;
}

/** Hex SHA-256 of `text` (UTF-8; a lone surrogate as U+FFFD, as node:crypto encodes it). */
export function sha256Hex(text: string): string {
  if (BunHasher) return new BunHasher("sha256").update(text).digest("hex");
  return nodeCrypto().createHash("sha256").update(text).digest("hex");
}

/**
 * `bytes` random bytes as lowercase hex. An index loop over the digits: a fresh login makes
 * a dozen (temp names, lock tokens), and in a compiled probe the loop of `for...of`, toString
 * and padStart took ~0.25 ms the first time and ~25 us each after, this one ~0.05 ms and ~3 us.
 */
export function randomHex(bytes: number): string {
  const random = new Uint8Array(bytes);
  crypto.getRandomValues(random);
  let text = "";
  for (let i = 0; i < bytes; i++) {
    const byte = random[i]!;
    text += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  }
  return text;
}

const HEX_DIGITS = "0123456789abcdef";

/** A key or data as Bun's hasher and node:crypto take it (strings as UTF-8). */
function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/**
 * The SDK's `sha256` (a Checksum constructor, @smithy/types), as @smithy/core's Sha256Node
 * behaves: with a secret, HMAC (an empty string is no secret, as there), finished after its
 * digest; without, a hash whose digest leaves it open for more data. SigV4 signs with it.
 */
export class Sha256 implements Checksum {
  readonly digestLength = 32;
  private readonly secret: string | Uint8Array | undefined;
  private hasher: Running;
  private finished = false;

  constructor(secret?: SourceData) {
    this.secret = secret ? bytesOf(secret) : undefined;
    this.hasher = this.start();
  }

  update(chunk: SourceData): void {
    if (this.finished) throw new Error("Attempted to update an already finished hash.");
    this.hasher.update(bytesOf(chunk));
  }

  async digest(): Promise<Uint8Array> {
    let result: Uint8Array;
    if (this.secret !== undefined) {
      this.finished = true;
      result = this.hasher.digest();
    } else {
      result = this.hasher.copy!().digest();
    }
    return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
  }

  reset(): void {
    this.hasher = this.start();
    this.finished = false;
  }

  private start(): Running {
    if (BunHasher) return new BunHasher("sha256", this.secret);
    const node = nodeCrypto();
    return this.secret === undefined
      ? node.createHash("sha256")
      : node.createHmac("sha256", this.secret);
  }
}
