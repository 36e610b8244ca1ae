/**
 * Reads the SigV4 `Authorization` header and the request time, answering AWS's own complaints
 * (IncompleteSignature and friends) when a piece is missing or malformed.
 */
import { type AwsError, incompleteSignature, signatureDoesNotMatch } from "./aws-error.ts";
import { ALGORITHM, type CredentialScope } from "./sigv4.ts";

export interface ParsedAuthorization {
  accessKeyId: string;
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

/** Just the key id, for the call record, even when the rest of the header is unusable. */
export function accessKeyIdOf(header: string | undefined): string | undefined {
  const match = /Credential=([^/,\s]+)\//.exec(header ?? "");
  return match?.[1];
}

export function parseAuthorization(header: string): ParsedAuthorization | AwsError {
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((f) => !fields.get(f));
  if (missing.length > 0) {
    return incompleteSignature(
      missing.map((f) => `Authorization header requires '${f}' parameter.`).join(" "),
    );
  }
  const credential = fields.get("Credential")!.split("/");
  if (credential.length !== 5) {
    return incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${fields.get("Credential")}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = credential as [
    string,
    string,
    string,
    string,
    string,
  ];
  const signedHeaders = fields.get("SignedHeaders")!.split(";");
  if (!signedHeaders.includes("host")) {
    return signatureDoesNotMatch(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  }
  return {
    accessKeyId,
    scope: { date, region, service, terminator },
    signedHeaders,
    signature: fields.get("Signature")!,
  };
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `20240102T030405Z` → ms since epoch, or undefined for other shapes. */
export function parseAmzDate(text: string): number | undefined {
  const m = AMZ_DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/** ms since epoch → `20240102T030405Z` (seconds truncated). */
export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * The request time as signed: X-Amz-Date, else the HTTP Date header. Answers the time and the
 * exact text that went into the string to sign.
 */
export function requestTime(
  amzDateHeader: string | undefined,
  dateHeader: string | undefined,
): { ms: number; amzDate: string } | AwsError {
  if (amzDateHeader !== undefined) {
    const ms = parseAmzDate(amzDateHeader);
    if (ms === undefined) {
      return incompleteSignature(
        `Date must be in ISO-8601 'basic format'. Got '${amzDateHeader}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
    return { ms, amzDate: amzDateHeader };
  }
  if (dateHeader !== undefined) {
    const ms = Date.parse(dateHeader);
    if (!Number.isNaN(ms)) return { ms, amzDate: formatAmzDate(ms) };
  }
  return incompleteSignature(
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  );
}

const SKEW_LIMIT_MS = 5 * 60 * 1000;

/** AWS's clock-skew answer, or undefined when the request time is within 5 minutes. */
export function skewError(requestMs: number, serverMs: number): AwsError | undefined {
  const req = formatAmzDate(requestMs);
  const now = formatAmzDate(serverMs);
  if (requestMs < serverMs - SKEW_LIMIT_MS) {
    return signatureDoesNotMatch(
      `Signature expired: ${req} is now earlier than ${formatAmzDate(serverMs - SKEW_LIMIT_MS)} (${now} - 5 min.)`,
    );
  }
  if (requestMs > serverMs + SKEW_LIMIT_MS) {
    return signatureDoesNotMatch(
      `Signature not yet current: ${req} is still later than ${formatAmzDate(serverMs + SKEW_LIMIT_MS)} (${now} + 5 min.)`,
    );
  }
  return undefined;
}
