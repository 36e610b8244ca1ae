/**
 * A cap on the size of an answer from AWS. STS and IAM answers are a few kilobytes; a wrong
 * AWS_ENDPOINT_URL, a proxy or a hostile local server can send an endless body as fast as the
 * loopback carries it, and the SDK would collect it all (8.5 GB in the 10 s deadline, then an
 * out-of-memory crash). The body stream is cut off past the cap with an error whose name
 * errors.ts maps to a network message (exit 5).
 */
import { Transform } from "node:stream";

/** Far above any STS/IAM answer (ListMFADevices of a user with many devices is < 100 KB). */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer was larger than ${limit / 1024 / 1024} MB`);
    this.name = "AnswerTooLarge";
  }
}

/** A pass-through stream that fails once more than `limit` bytes went through it. */
export function cappedStream(limit = MAX_ANSWER_BYTES): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new AnswerTooLargeError(limit));
      else done(null, chunk);
    },
  });
}

interface Handler {
  handle(request: unknown, options?: unknown): Promise<{ response: { body?: unknown } }>;
}

/** Wraps a request handler's answers in cappedStream (the source is destroyed on the cap). */
export function capAnswers<H extends Handler>(handler: H, limit = MAX_ANSWER_BYTES): H {
  const handle = handler.handle.bind(handler);
  handler.handle = async (request, options) => {
    const result = await handle(request, options);
    const body = result.response.body as NodeJS.ReadableStream | undefined;
    if (body && typeof body.pipe === "function") {
      const capped = cappedStream(limit);
      capped.on("error", () => (body as { destroy?: () => void }).destroy?.());
      body.on("error", (error) => capped.destroy(error));
      result.response.body = body.pipe(capped);
    }
    return result;
  };
  return handler;
}
