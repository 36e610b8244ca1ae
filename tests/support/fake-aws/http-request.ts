/** Reading a request off node's http server: raw path, query, headers, body and AWS params. */
import type { IncomingMessage } from "node:http";
import type { ReceivedRequest } from "./sigv4.ts";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readRequest(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large for the fake AWS");
    chunks.push(chunk as Buffer);
  }
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  }
  return {
    method: req.method ?? "GET",
    rawPath: q < 0 ? target : target.slice(0, q),
    rawQuery: q < 0 ? "" : target.slice(q + 1),
    headers,
    body: new Uint8Array(Buffer.concat(chunks)),
  };
}

export function headerValue(request: ReceivedRequest, name: string): string | undefined {
  return request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

/**
 * AWS Query parameters: the query string, then (for form posts) the body, later values
 * winning, as the Query protocol allows both.
 */
export function queryParams(request: ReceivedRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(request.rawQuery)) params[k] = v;
  const type = headerValue(request, "content-type") ?? "";
  if (request.method === "POST" && type.startsWith("application/x-www-form-urlencoded")) {
    const text = new TextDecoder().decode(request.body);
    for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  }
  return params;
}
