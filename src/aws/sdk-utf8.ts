/**
 * @smithy/core/serde's UTF-8 conversions on the web's TextEncoder and TextDecoder instead of
 * Buffer: the same bytes and text, without Buffer.from, a JavaScript built-in that Bun compiles
 * from source the first time it is called, in every run (~0.15-0.25 ms each, encoding and
 * decoding, where TextEncoder's and TextDecoder's first calls cost ~0.01-0.03). A fresh
 * login's one STS call ran both: SigV4 hashes the request's body through toUint8Array, and the
 * answer's XML is read through toUtf8. These are what the package's browser builds do;
 * aws/sdk-serde-stand-in.ts hands them to the SDK in the binary, and
 * tests/aws/sdk-stand-ins.test.ts holds their answers and errors to the package's.
 */

let encoder: TextEncoder | undefined;
let decoder: TextDecoder | undefined;

/** The package's fromUtf8: a lone surrogate becomes U+FFFD's bytes, as Buffer.from makes it. */
export const fromUtf8 = (input: string): Uint8Array => {
  // The package's own check (its buffer-from's), with its words.
  if (typeof input !== "string") {
    throw new TypeError(
      `The "input" argument must be of type string. Received type ${typeof input} (${input})`,
    );
  }
  encoder ??= new TextEncoder();
  return encoder.encode(input);
};

/** The package's toUint8Array, on fromUtf8 above (the package's imports its own). */
export const toUint8Array = (data: string | ArrayBuffer | ArrayBufferView): Uint8Array => {
  if (data instanceof Uint8Array) return data;
  if (typeof data === "string") return fromUtf8(data);
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  return new Uint8Array(data);
};

/**
 * The package's toUtf8: a string as it is, bytes decoded with each invalid sequence as one
 * U+FFFD (Buffer's toString does the same) and a leading byte-order mark kept, as Buffer keeps
 * it (TextDecoder drops it unless told).
 */
export const toUtf8 = (input: string | Uint8Array): string => {
  if (typeof input === "string") return input;
  if (
    typeof input !== "object" ||
    typeof input.byteOffset !== "number" ||
    typeof input.byteLength !== "number"
  ) {
    throw new Error("@smithy/util-utf8: toUtf8 encoder function only accepts string | Uint8Array.");
  }
  // The package's buffer-from refuses what is not on an ArrayBuffer, with its words.
  const buffer: unknown = input.buffer;
  if (!isArrayBuffer(buffer)) {
    throw new TypeError(
      `The "input" argument must be ArrayBuffer. Received type ${typeof buffer} (${buffer})`,
    );
  }
  decoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
  return decoder.decode(new Uint8Array(buffer, input.byteOffset, input.byteLength));
};

/** The package's isArrayBuffer. */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return (
    (typeof ArrayBuffer === "function" && value instanceof ArrayBuffer) ||
    Object.prototype.toString.call(value) === "[object ArrayBuffer]"
  );
}
