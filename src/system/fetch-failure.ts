/**
 * What a failed fetch() means, in words a user can act on, from its error's code alone.
 * The runtime's own messages are for programmers ("Malformed_HTTP_Response fetching URL. For
 * more information, pass `verbose: true` in the second argument to fetch()"), and they carry
 * the URL, which may hold a secret (the console's sign-in query holds the session). Every place
 * that fetches (AWS calls, upgrade's downloads, doctor's clock check, the console's sign-in
 * token) says the same thing for the same failure.
 */

import { textInLine } from "./printable.ts";

/** Connection failures, by the codes fetch and node:net give them. */
export const CONNECTION_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "the connection was refused",
  ConnectionRefused: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "the host name could not be resolved",
  EAI_AGAIN: "the host name could not be resolved (DNS failure)",
  ETIMEDOUT: "it did not answer in time (timed out)",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
};

/**
 * The certificate checks' codes (OpenSSL's, as Node and Bun name them): the server answered
 * TLS but with a certificate this computer does not trust, often a proxy that intercepts TLS.
 */
export const CERTIFICATE_CODES: ReadonlySet<string> = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * An answer that is not HTTP as it must be: another service on that port, a broken status
 * line, header line or chunk (fetch), or headers past the limit (fetch; node:http's name).
 */
export const NOT_HTTP_CODES: ReadonlySet<string> = new Set([
  "Malformed_HTTP_Response",
  "InvalidHTTPResponse",
  "ResponseHeadersTooLarge",
  "HPE_HEADER_OVERFLOW",
]);

/** Where an error may say what went wrong: its code, its name, its cause's code. */
export function failureCodes(error: unknown): Array<string | undefined> {
  const e = (error ?? {}) as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return [text(e.code), text(e.name), text(e.cause?.code)];
}

export function isNotHttp(error: unknown): boolean {
  return failureCodes(error).some((code) => code !== undefined && NOT_HTTP_CODES.has(code));
}

/**
 * A TLS handshake that failed (fetch's EPROTO; Node's "SSL routines"), most often an https://
 * address whose server speaks plain HTTP: one sentence for AWS calls (aws/errors.ts) and every
 * other fetch alike.
 */
export const TLS_HANDSHAKE_WORDS = "the TLS handshake failed (does the address speak TLS?)";

/** A certificate check's failure in words, naming its code. */
export function untrustedWords(code: string): string {
  return `its TLS certificate is not one this computer trusts (${code})`;
}

/** The certificate check's code, when the call failed on the server's certificate. */
export function untrustedCertificate(error: unknown): string | undefined {
  return failureCodes(error).find((code) => code !== undefined && CERTIFICATE_CODES.has(code));
}

/**
 * The failure in words ("the connection was reset"), or undefined for one this does not know.
 * Built from codes only: never the URL or anything else the error's message carries.
 */
export function fetchFailureReason(error: unknown): string | undefined {
  for (const code of failureCodes(error)) {
    if (code === undefined) continue;
    const words = CONNECTION_WORDS[code];
    if (words) return words;
    if (CERTIFICATE_CODES.has(code)) return untrustedWords(code);
    if (NOT_HTTP_CODES.has(code)) {
      return "what answered is not an HTTP server as expected (another service on that address and port, or a proxy in between)";
    }
    if (code === "EPROTO") return TLS_HANDSHAKE_WORDS;
  }
  // AbortSignal.timeout's reason.
  if (failureCodes(error)[1] === "TimeoutError") return "it did not answer in time";
  return undefined;
}

/**
 * The failure in words when known, else the runtime's message without its advice to the
 * programmer (for places where the message holds no secret).
 */
export function fetchFailureText(error: unknown): string {
  const reason = fetchFailureReason(error);
  if (reason) return reason;
  const message = error instanceof Error ? error.message : String(error);
  return textInLine(message.replace(/\s*For more information, pass `verbose: true`.*$/s, ""));
}
