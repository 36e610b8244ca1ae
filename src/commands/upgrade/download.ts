/**
 * Downloads for `awsmfa upgrade`, each with a deadline (a stalled mirror must not hang the
 * command), and the SHA256SUMS they are checked against.
 */
import { createHash } from "node:crypto";
import { NetworkError } from "../../errors.ts";
import { readCappedBody } from "../../system/capped-body.ts";
import { fetchFailureText } from "../../system/fetch-failure.ts";
import { shownUrl } from "../../system/shown-url.ts";

/** Seconds for SHA256SUMS, and for the whole archive (about 55 MB). */
export const SUMS_DEADLINE_MS = 30_000;
export const ASSET_DEADLINE_MS = 10 * 60_000;
/**
 * Bytes kept of SHA256SUMS and of an archive (the binary is ~112 MB, its archive ~55 MB):
 * a mirror that sends an endless body fails here instead of growing awsmfa to gigabytes.
 */
export const SUMS_MAX_BYTES = 1024 * 1024;
export const ASSET_MAX_BYTES = 512 * 1024 * 1024;

export async function download(
  url: string,
  deadlineMs: number,
  maxBytes: number,
): Promise<Uint8Array> {
  // The URL as messages show it: a mirror's user and password never.
  const shown = shownUrl(url);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(deadlineMs), redirect: "follow" });
    if (!response.ok) {
      throw new NetworkError(
        `Could not download ${shown}: the server answered ${response.status}.`,
        {
          hint: "Check the address (awsmfa upgrade --to vX.Y.Z names a release) and try again.",
        },
      );
    }
    return await readCapped(response, shown, maxBytes);
  } catch (error) {
    if (error instanceof NetworkError) throw error;
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new NetworkError(
      timedOut
        ? `Downloading ${shown} took longer than ${deadlineMs / 1000} s; gave up.`
        : `Could not download ${shown}: ${fetchFailureText(error)}.`,
      {
        hint: "Check your network connection and try again; awsmfa was not changed.",
        cause: error,
      },
    );
  }
}

/** The body, refused as soon as it passes maxBytes (or says it will). */
async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const tooLarge = () =>
    new NetworkError(
      `Could not download ${url}: it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, far larger than an awsmfa release file.`,
      { hint: "Check the mirror or release address in .awsmfa-install; awsmfa was not changed." },
    );
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  return readCappedBody(response.body, maxBytes, tooLarge);
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
