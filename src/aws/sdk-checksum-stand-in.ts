// @ts-nocheck: it re-exports the SDK's own ES module files, which have no types beside them.
/**
 * What stands in for @smithy/core/checksum wherever the AWS SDK imports it, in the binary
 * (tsconfig.build.json "paths", as for sdk-transport-stand-in.ts): the package's
 * dist-es/submodules/checksum/index.js, export for export, from the same files, but for
 * SHA-256. The STS and IAM clients take `Sha256` from it as their default `sha256` for SigV4;
 * the package's module builds that class from node:crypto when it loads (it calls createHash
 * once to see whether it can), so merely importing it loaded node:crypto, ~1.1 ms of a fresh
 * login, although clients.ts gives every client system/hashes.ts's Sha256. Here the default
 * is that same class. The other exports (MD5, CRC32, the stream hashers: S3's, event
 * streams') are the package's, which the bundler leaves out unless called, as before.
 *
 * Written for @smithy/core 3.41: an SDK update that adds an export other SDK code imports fails
 * the build ("No matching export"), not the user; tests/aws/sdk-stand-ins.test.ts compares
 * these lists with the package's index.
 */

export { blobReader } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/chunked-blob-reader/chunked-blob-reader.js";
export { Crc32Js } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/crc32/Crc32Js.js";
export {
  Crc32Node,
  Crc32Node as Crc32,
} from "../../node_modules/@smithy/core/dist-es/submodules/checksum/crc32/Crc32Node.js";
export { blobHasher } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/hash-blob-browser/blobHasher.js";
export { fileStreamHasher } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/hash-stream-node/fileStreamHasher.js";
export { readableStreamHasher } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/hash-stream-node/readableStreamHasher.js";
export { Md5Js } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/md5/Md5Js.js";
export {
  Md5Node,
  Md5Node as Md5,
} from "../../node_modules/@smithy/core/dist-es/submodules/checksum/md5/Md5Node.js";
export { Sha256Js } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/sha256/Sha256Js.js";
export { Sha256WebCrypto } from "../../node_modules/@smithy/core/dist-es/submodules/checksum/sha256/Sha256WebCrypto.js";
export { Sha256, Sha256 as Sha256Node } from "../system/hashes.ts";
