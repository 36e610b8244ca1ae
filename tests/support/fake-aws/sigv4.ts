/**
 * AWS Signature Version 4, written from the specification with node:crypto only, so that the
 * fake checks signatures independently of the SDK that makes them. Pure functions: the request
 * as received goes in, the signature it should carry comes out.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const ALGORITHM = "AWS4-HMAC-SHA256";

/** The request exactly as it came off the wire. */
export interface ReceivedRequest {
  method: string;
  /** Path as sent, still percent-encoded, without the query. */
  rawPath: string;
  /** Query string as sent, without "?". */
  rawQuery: string;
  /** Header name/value pairs in arrival order (node's rawHeaders, paired up). */
  headers: [string, string][];
  body: Uint8Array;
}

export interface CredentialScope {
  date: string;
  region: string;
  service: string;
  terminator: string;
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Non-S3 services encode each path segment twice: once on the wire, once here. */
export function canonicalUri(rawPath: string): string {
  const path = rawPath === "" ? "/" : rawPath;
  return path
    .split("/")
    .map((segment) => uriEncode(segment))
    .join("/");
}

export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs = rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? "" : part.slice(eq + 1);
      return [uriEncode(decode(key)), uriEncode(decode(value))] as const;
    });
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

/** Values of one header (all occurrences), trimmed, inner whitespace runs collapsed. */
export function canonicalHeaderValue(headers: [string, string][], name: string): string {
  return headers
    .filter(([n]) => n.toLowerCase() === name)
    .map(([, v]) => v.trim().replace(/\s+/g, " "))
    .join(",");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export function canonicalRequest(request: ReceivedRequest, signedHeaders: string[]): string {
  const headerLines = signedHeaders
    .map((name) => `${name}:${canonicalHeaderValue(request.headers, name)}\n`)
    .join("");
  return [
    request.method.toUpperCase(),
    canonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery),
    headerLines,
    signedHeaders.join(";"),
    sha256Hex(request.body),
  ].join("\n");
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join("\n");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

export function signingKey(secret: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secret}`, scope.date);
  const regionKey = hmac(dateKey, scope.region);
  const serviceKey = hmac(regionKey, scope.service);
  return hmac(serviceKey, scope.terminator);
}

/** The hex signature a request signed with `secret` must carry. */
export function expectedSignature(
  request: ReceivedRequest,
  signedHeaders: string[],
  amzDate: string,
  scope: CredentialScope,
  secret: string,
): string {
  const toSign = stringToSign(amzDate, scope, canonicalRequest(request, signedHeaders));
  return createHmac("sha256", signingKey(secret, scope)).update(toSign).digest("hex");
}

export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
