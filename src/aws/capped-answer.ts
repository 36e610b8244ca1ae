/**
 * A cap on the size of an answer from AWS. STS and IAM answers are a few kilobytes; a wrong
 * AWS_ENDPOINT_URL, a proxy or a hostile local server can send an endless body as fast as the
 * loopback carries it, and collecting it all would take 8.5 GB in the 10 s deadline, then an
 * out-of-memory crash. The body is read up to the cap and no further, with an error whose name
 * errors.ts maps to a network message (exit 5).
 *
 * On the web stream fetch gives (fetch-handler.ts), not node:stream: loading node:stream cost
 * every fresh login ~2.5 ms.
 */

import { readCappedBody } from "../system/capped-body.ts";

/** Far above any STS/IAM answer (ListMFADevices of a user with many devices is < 100 KB). */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer was larger than ${limit / 1024 / 1024} MB`);
    this.name = "AnswerTooLarge";
  }
}

/**
 * The whole body, or AnswerTooLargeError as soon as more than `limit` bytes came
 * (system/capped-body.ts). `onChunk` is told of each piece as it comes (fetch-handler.ts
 * restarts its idle timer).
 */
export function readCapped(
  body: ReadableStream<Uint8Array> | null,
  limit = MAX_ANSWER_BYTES,
  onChunk?: () => void,
): Promise<Uint8Array> {
  return readCappedBody(body, limit, () => new AnswerTooLargeError(limit), onChunk);
}
