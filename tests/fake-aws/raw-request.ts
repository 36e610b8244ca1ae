/**
 * Hand-made Query requests for the cases no SDK produces: wrong scopes, odd dates, missing
 * headers, GET requests, tampering after signing. Signed with the fake's own SigV4 functions;
 * those are checked separately against AWS's published vectors, the JS SDK and botocore.
 */
import { formatAmzDate } from "../support/fake-aws/authorization-header.ts";
import { expectedSignature, type ReceivedRequest } from "../support/fake-aws/sigv4.ts";

export interface RawCall {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  params: Record<string, string>;
  method?: "GET" | "POST";
  /** Request time; default now (real clock). */
  atMs?: number;
  /** Overrides the scope date (YYYYMMDD). */
  scopeDate?: string;
  /** Leave out the Authorization header. */
  unsigned?: boolean;
  /** Changes the request after it was signed. */
  tamper?: (request: { headers: Record<string, string>; body: string }) => void;
  /** Replace the whole Authorization header. */
  authorization?: string;
}

export interface RawAnswer {
  status: number;
  text: string;
  date: string | null;
  code: string | undefined;
  message: string | undefined;
}

export async function rawCall(call: RawCall): Promise<RawAnswer> {
  const method = call.method ?? "POST";
  const url = new URL(call.url);
  const encoded = new URLSearchParams(call.params).toString();
  const amzDate = formatAmzDate(call.atMs ?? Date.now());
  const headers: Record<string, string> = { host: url.host, "x-amz-date": amzDate };
  if (method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
  if (call.sessionToken) headers["x-amz-security-token"] = call.sessionToken;
  const body = method === "POST" ? encoded : "";
  const rawQuery = method === "GET" ? encoded : "";
  const signedHeaders = Object.keys(headers).sort();
  const scope = {
    date: call.scopeDate ?? amzDate.slice(0, 8),
    region: call.region ?? "us-east-1",
    service: call.service ?? "sts",
    terminator: "aws4_request",
  };
  const received: ReceivedRequest = {
    method,
    rawPath: "/",
    rawQuery,
    headers: Object.entries(headers),
    body: new TextEncoder().encode(body),
  };
  const signature = expectedSignature(
    received,
    signedHeaders,
    amzDate,
    scope,
    call.secretAccessKey,
  );
  const credential = `${call.accessKeyId}/${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  if (!call.unsigned) {
    headers.authorization =
      call.authorization ??
      `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  }
  const sent = { headers, body };
  call.tamper?.(sent);
  const { host: _host, ...fetchHeaders } = sent.headers;
  const response = await fetch(`${url.origin}/${rawQuery ? `?${rawQuery}` : ""}`, {
    method,
    headers: fetchHeaders,
    ...(method === "POST" ? { body: sent.body } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    date: response.headers.get("date"),
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.replace(/&apos;/g, "'"),
  };
}
