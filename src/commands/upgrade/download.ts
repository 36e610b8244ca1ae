/**
 * Downloads for `awsmfa upgrade`, each with a deadline (a stalled mirror must not hang the
 * command), and the SHA256SUMS they are checked against.
 */
import { createHash } from "node:crypto";
import { NetworkError } from "../../errors.ts";

/** Seconds for SHA256SUMS, and for the whole archive (about 55 MB). */
export const SUMS_DEADLINE_MS = 30_000;
export const ASSET_DEADLINE_MS = 10 * 60_000;

export async function download(url: string, deadlineMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(deadlineMs), redirect: "follow" });
    if (!response.ok) {
      throw new NetworkError(`Could not download ${url}: the server answered ${response.status}.`, {
        hint: "Check the address (awsmfa upgrade --to vX.Y.Z names a release) and try again.",
      });
    }
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new NetworkError(
      timedOut
        ? `Downloading ${url} took longer than ${deadlineMs / 1000} s; gave up.`
        : `Could not download ${url}: ${error instanceof Error ? error.message : String(error)}.`,
      {
        hint: "Check your network connection and try again; awsmfa was not changed.",
        cause: error,
      },
    );
  }
}

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** sha256sum lines -> file name to hash. */
export function parseSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64}) [ *](\S+)$/.exec(line);
    if (match) sums.set(match[2]!, match[1]!.toLowerCase());
  }
  return sums;
}
