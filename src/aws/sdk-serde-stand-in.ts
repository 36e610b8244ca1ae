// @ts-nocheck: it re-exports the SDK's own ES module files, which have no types beside them.
/**
 * What stands in for @smithy/core/serde wherever the AWS SDK imports it, in the binary
 * (tsconfig.build.json "paths", as for sdk-transport-stand-in.ts): the package's
 * dist-es/submodules/serde/index.js, export for export, from the same files, but for two.
 * That index imports `getRandomValues` from node:crypto for its uuid v4 (the SDK's
 * invocation ids), which loads node:crypto, ~1.1 ms of a fresh login; the uuid uses
 * `crypto.randomUUID` wherever there is one (Bun has), and here its fallback gets the web's
 * `crypto.getRandomValues`, as the package's own browser and react-native indexes do. And
 * calculateBodyLength, which the content-length step runs on every request, comes from
 * aws/sdk-stream-checks.ts: the package's imports node:fs's ReadStream, which loads
 * node:stream (~1.5-1.9 ms more). The hex encoding and the uuid's binding come from
 * aws/sdk-hex-and-uuid.ts: the package's build 256-entry tables when they load (~0.6 ms).
 * fromUtf8, toUtf8 and toUint8Array come from aws/sdk-utf8.ts: the package's go through
 * Buffer.from, whose first call compiles it (~0.2 ms, twice per STS call).
 *
 * Written for @smithy/core 3.41: an SDK update that adds an export other SDK code imports fails
 * the build ("No matching export"), not the user; tests/aws/sdk-stand-ins.test.ts compares
 * this list with the package's index.
 */
import { fromBase64 } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-base64/fromBase64.js";
import { toBase64 } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-base64/toBase64.js";
import { bindUint8ArrayBlobAdapter } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/blob/Uint8ArrayBlobAdapter.js";
import { bindV4 } from "./sdk-hex-and-uuid.ts";
import { fromUtf8, toUtf8 } from "./sdk-utf8.ts";

export { concatBytes } from "../../node_modules/@smithy/core/dist-es/submodules/serde/concatBytes.js";
export { copyDocumentWithTransform } from "../../node_modules/@smithy/core/dist-es/submodules/serde/copyDocumentWithTransform.js";
export {
  dateToUtcString,
  parseEpochTimestamp,
  parseRfc3339DateTime,
  parseRfc3339DateTimeWithOffset,
  parseRfc7231DateTime,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/date-utils.js";
export { Hash } from "../../node_modules/@smithy/core/dist-es/submodules/serde/hash-node/hash-node.js";
export { isArrayBuffer } from "../../node_modules/@smithy/core/dist-es/submodules/serde/is-array-buffer/is-array-buffer.js";
export { LazyJsonString } from "../../node_modules/@smithy/core/dist-es/submodules/serde/lazy-json.js";
export { deserializerMiddleware } from "../../node_modules/@smithy/core/dist-es/submodules/serde/middleware-serde/deserializerMiddleware.js";
export {
  deserializerMiddlewareOption,
  getSerdePlugin,
  serializerMiddlewareOption,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/middleware-serde/serdePlugin.js";
export { serializerMiddleware } from "../../node_modules/@smithy/core/dist-es/submodules/serde/middleware-serde/serializerMiddleware.js";
export {
  expectBoolean,
  expectByte,
  expectFloat32,
  expectInt,
  expectInt32,
  expectLong,
  expectNonNull,
  expectNumber,
  expectObject,
  expectShort,
  expectString,
  expectUnion,
  handleFloat,
  limitedParseDouble,
  limitedParseFloat,
  limitedParseFloat32,
  logger,
  parseBoolean,
  strictParseByte,
  strictParseDouble,
  strictParseFloat,
  strictParseFloat32,
  strictParseInt,
  strictParseInt32,
  strictParseLong,
  strictParseShort,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/parse-utils.js";
export { quoteHeader } from "../../node_modules/@smithy/core/dist-es/submodules/serde/quote-header.js";
export {
  _parseEpochTimestamp,
  _parseRfc3339DateTimeWithOffset,
  _parseRfc7231DateTime,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/schema-serde-lib/schema-date-utils.js";
export { splitEvery } from "../../node_modules/@smithy/core/dist-es/submodules/serde/split-every.js";
export { splitHeader } from "../../node_modules/@smithy/core/dist-es/submodules/serde/split-header.js";
export {
  fromArrayBuffer,
  fromString,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-buffer-from/buffer-from.js";
export {
  NumericValue,
  nv,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/value/NumericValue.js";
export { fromHex, toHex } from "./sdk-hex-and-uuid.ts";
export { toUint8Array } from "./sdk-utf8.ts";
export { fromBase64, fromUtf8, toBase64, toUtf8 };
export class Uint8ArrayBlobAdapter extends bindUint8ArrayBlobAdapter(
  toUtf8,
  fromUtf8,
  toBase64,
  fromBase64,
) {}
export { ChecksumStream } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/checksum/ChecksumStream.js";
export { createChecksumStream } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/checksum/createChecksumStream.js";
export { createBufferedReadable } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/createBufferedReadable.js";
export { getAwsChunkedEncodingStream } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/getAwsChunkedEncodingStream.js";
export { headStream } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/headStream.js";
export { sdkStreamMixin } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/sdk-stream-mixin.js";
export { splitStream } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/splitStream.js";
export { streamCollector } from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/stream-collector.js";
export {
  isBlob,
  isReadableStream,
} from "../../node_modules/@smithy/core/dist-es/submodules/serde/util-stream/stream-type-check.js";

const _getRandomValues = (array) => crypto.getRandomValues(array);
export const v4 = bindV4(_getRandomValues);
// The package's is the same function as v4; one made the same way behaves the same (knip
// counts an alias as a duplicate export).
export const generateIdempotencyToken = bindV4(_getRandomValues);
export { hasOwn } from "@smithy/core/transport";
export { writeKey } from "../../node_modules/@smithy/core/dist-es/submodules/serde/writeKey.js";
export { calculateBodyLength } from "./sdk-stream-checks.ts";
