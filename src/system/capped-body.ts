/**
 * A web stream's bytes, read up to a cap and no further: what awsmfa reads from the network
 * (an STS or IAM answer, aws/capped-answer.ts; a release file, commands/upgrade/download.ts)
 * comes from a server it cannot vouch for, which may send an endless body as fast as the
 * connection carries it. Past the cap the stream is cancelled, which closes the connection.
 */

/**
 * The whole body, or `tooLarge()` thrown as soon as more than `limit` bytes came. A failed
 * read rejects with its own error. `onChunk` is told of each piece as it comes.
 */
export async function readCappedBody(
  body: ReadableStream<Uint8Array> | null | undefined,
  limit: number,
  tooLarge: () => Error,
  onChunk?: () => void,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onChunk?.();
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}
