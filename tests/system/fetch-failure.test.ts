/**
 * fetch's failures in words (system/fetch-failure.ts), from real failures of the runtime's
 * fetch against servers on 127.0.0.1: the words come from the codes, never from the message,
 * which carries the URL (and the runtime's advice to pass `verbose: true`).
 */
import { afterAll, expect, test } from "bun:test";
import { createServer, type Server, type Socket } from "node:net";
import { fetchFailureReason, fetchFailureText } from "../../src/system/fetch-failure.ts";
import { NOT_HTTP_GREETING, tcpServer as rawServer } from "../support/raw-server.ts";

const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

/** A raw server's http:// URL, with a secret in its query that no message may show. */
async function tcpServer(onData: (socket: Socket) => void): Promise<string> {
  return `http://${await rawServer(onData, servers)}/?secret=s3cr3t`;
}

async function failureOf(url: string, init: RequestInit = {}): Promise<unknown> {
  try {
    const answer = await fetch(url, { method: "POST", body: "x", ...init });
    await answer.text();
  } catch (error) {
    return error;
  }
  throw new Error(`fetch ${url} did not fail`);
}

test("each real failure of fetch gets its words, without the URL or the runtime's advice", async () => {
  const closed = createServer();
  const port = await new Promise<number>((resolve) =>
    closed.listen(0, "127.0.0.1", () => resolve((closed.address() as { port: number }).port)),
  );
  closed.close();
  const cases: Array<[string, string]> = [
    [`http://127.0.0.1:${port}/?secret=s3cr3t`, "the connection was refused"],
    [await tcpServer((s) => s.destroy()), "the connection was reset"],
    [await tcpServer((s) => s.end(NOT_HTTP_GREETING)), "not an HTTP server"],
    [await tcpServer((s) => s.end("HTTP/1.1 abc OK\r\n\r\n")), "not an HTTP server"],
    [
      await tcpServer((s) =>
        s.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n"),
      ),
      "not an HTTP server",
    ],
    [
      (await tcpServer((s) => s.end("HTTP/1.1 400 Bad Request\r\n\r\n"))).replace("http", "https"),
      "the TLS handshake failed",
    ],
  ];
  for (const [url, words] of cases) {
    const error = await failureOf(url);
    expect([url, fetchFailureReason(error)]).toEqual([url, expect.stringContaining(words)]);
    expect(fetchFailureText(error)).not.toContain("s3cr3t");
    expect(fetchFailureText(error)).not.toContain("verbose");
  }
});

test("a deadline that passed (AbortSignal.timeout) is 'did not answer in time'", async () => {
  const silent = await tcpServer(() => {});
  const error = await failureOf(silent, { signal: AbortSignal.timeout(100) });
  expect(fetchFailureReason(error)).toBe("it did not answer in time");
});

test("a certificate code is named; an unknown failure keeps its message, minus the advice", () => {
  const untrusted = Object.assign(new Error("self signed certificate"), {
    code: "DEPTH_ZERO_SELF_SIGNED_CERT",
  });
  expect(fetchFailureReason(untrusted)).toBe(
    "its TLS certificate is not one this computer trusts (DEPTH_ZERO_SELF_SIGNED_CERT)",
  );
  const odd = new TypeError(
    'Something_New fetching "https://example.test/". For more information, pass `verbose: true` in the second argument to fetch()',
  );
  expect(fetchFailureReason(odd)).toBeUndefined();
  expect(fetchFailureText(odd)).toBe('Something_New fetching "https://example.test/".');
  expect(fetchFailureText("plain")).toBe("plain");
});
