/**
 * Two checks of the AWS SDK's that ask "is this body a Node stream?", without importing
 * node:stream or node:fs's ReadStream to ask it: @smithy/core's calculateBodyLength (which the
 * content-length step runs on every request) and isStreamingPayload (which retry runs after a
 * failed attempt). The package's modules import `Readable` and `ReadStream` when they load,
 * and that loads node:stream: ~1.5-1.9 ms of a fresh login's CPU on Bun (~2.5 ms in a compiled
 * probe), for bodies that are strings.
 * A body that is a Node stream was made by code that loaded node:stream already, so asking
 * only when the body is an object of no other kind gives the same answers.
 * aws/sdk-serde-stand-in.ts and aws/sdk-retry-stand-in.ts hand these to the SDK in the binary.
 */
import { fstatSync, lstatSync } from "node:fs";

type NodeStream = typeof import("node:stream");
type NodeFs = typeof import("node:fs");

/** The same function as @smithy/core/serde's calculateBodyLength (util-body-length). */
export function calculateBodyLength(body: unknown): number {
  if (!body) return 0;
  if (typeof body === "string") return Buffer.byteLength(body);
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's own checks, property by property.
  const value = body as any;
  if (typeof value.byteLength === "number") return value.byteLength;
  if (typeof value.size === "number") return value.size;
  if (typeof value.start === "number" && typeof value.end === "number") {
    return value.end + 1 - value.start;
  }
  if (typeof value === "object" && value instanceof (require("node:fs") as NodeFs).ReadStream) {
    const stream: { path?: string | Buffer | null; fd?: unknown } = value;
    if (stream.path != null) return lstatSync(stream.path).size;
    if (typeof stream.fd === "number") return fstatSync(stream.fd).size;
  }
  throw new Error(`Body Length computation failed for ${body}`);
}

/** The same function as @smithy/core/retry's isStreamingPayload (Node's). */
export function isStreamingPayload(request: unknown): boolean {
  const body = (request as { body?: unknown } | null | undefined)?.body;
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) return true;
  if (body === null || typeof body !== "object") return false;
  return body instanceof (require("node:stream") as NodeStream).Readable;
}
