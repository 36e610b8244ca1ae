/**
 * The --debug trace (AWSMFA_DEBUG=1): what awsmfa decided and why (profile chain, where keys
 * and device came from, cache hits, lock waits) and each AWS request and its answer's status,
 * one line each on stderr. Callers pass masked values; every line is masked once more here,
 * so a key id or token that slips into a message is never printed whole.
 */
import type { Deps } from "../deps.ts";
import { textInLine } from "../system/printable.ts";

/** AWSMFA_DEBUG=1 (or true, yes, on) turns the trace on; 0, false, no, off or empty leave it off. */
export function debugEnabled(env: Deps["env"]): boolean {
  const value = env.AWSMFA_DEBUG?.trim().toLowerCase() ?? "";
  return value !== "" && !["0", "false", "no", "off"].includes(value);
}

export function debug(deps: Pick<Deps, "env" | "io">, text: string): void {
  if (!debugEnabled(deps.env)) return;
  // One line each, whatever profile name, path or answer the text quotes.
  deps.io.stderr.write(`awsmfa debug: ${maskSecrets(textInLine(text))}\n`);
}

/** AKIA/ASIA key ids keep 4+4 characters; anything that looks like a secret or token goes. */
export function maskSecrets(text: string): string {
  return text
    .replace(/\b((?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{4})[A-Z0-9]{4,}([A-Z0-9]{4})\b/g, "$1****$2")
    .replace(/[A-Za-z0-9+/=_-]{28,}/g, (run) =>
      // ARNs, paths and digests are not secrets, but a run this long of base64 may be one.
      /^[a-f0-9]+$/.test(run) ? run : `${run.slice(0, 2)}****(${run.length} chars)`,
    );
}
