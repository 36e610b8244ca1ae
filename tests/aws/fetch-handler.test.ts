/**
 * aws/fetch-handler.ts against real local servers: what reaches the server, what comes back,
 * and each failure as NodeHttpHandler reported it (names the SDK's retry and errors.ts read).
 */
import { afterAll, expect, test } from "bun:test";
import { createServer, type Socket } from "node:net";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { AnswerTooLargeError } from "../../src/aws/capped-answer.ts";
import { FetchHandler } from "../../src/aws/fetch-handler.ts";
import { flood } from "../support/raw-server.ts";

const handler = (answerTimeoutMs = 2000, maxAnswerBytes?: number) =>
  new FetchHandler({ answerTimeoutMs, ...(maxAnswerBytes ? { maxAnswerBytes } : {}) });

const request = (port: number, extra: Record<string, unknown> = {}) =>
  ({
    protocol: "http:",
    hostname: "127.0.0.1",
    port,
    method: "POST",
    path: "/some/path",
    query: {},
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-amz-date": "20261206T120000Z",
    },
    body: "Action=GetCallerIdentity&Version=2011-06-15",
    ...extra,
  }) as never;

/** A raw TCP server whose behaviour each test chooses; every socket is closed at the end. */
function rawServer(onData: (socket: Socket) => void) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("data", () => onData(socket));
  });
  const closed = () => [...sockets].every((s) => s.destroyed || s.readableEnded);
  return new Promise<{ port: number; close: () => void; closed: () => boolean }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as { port: number }).port,
        closed,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

const servers: Array<{ stop(force?: boolean): void } | { close(): void }> = [];
afterAll(() => {
  for (const s of servers) "stop" in s ? s.stop(true) : s.close();
});

test("the request reaches the server whole, and the answer comes back whole", async () => {
  const seen: Array<{ method: string; url: string; type: string | null; body: string }> = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      seen.push({
        method: req.method,
        url: req.url,
        type: req.headers.get("content-type"),
        body: await req.text(),
      });
      return new Response("<answer>ü</answer>", {
        status: 403,
        statusText: "Forbidden",
        headers: { "X-Amzn-RequestId": "r-1", Date: "Sun, 06 Dec 2026 12:00:00 GMT" },
      });
    },
  });
  servers.push(server);
  const query = { a: "x y", b: ["1", "2"], "c/d": "é" };
  const { response } = await handler().handle(request(server.port ?? 0, { query }));
  expect(seen).toEqual([
    {
      method: "POST",
      // The query as the SDK signs it: RFC 3986 escapes, %20 for a space.
      url: `http://127.0.0.1:${server.port}/some/path?a=x%20y&b=1&b=2&c%2Fd=%C3%A9`,
      type: "application/x-www-form-urlencoded",
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    },
  ]);
  expect(response.statusCode).toBe(403);
  expect(response.reason).toBe("Forbidden");
  expect(response.headers["x-amzn-requestid"]).toBe("r-1");
  expect(response.headers.date).toBe("Sun, 06 Dec 2026 12:00:00 GMT");
  expect(new TextDecoder().decode(response.body as Uint8Array)).toBe("<answer>ü</answer>");
});

test("a refused connection is ECONNREFUSED named TimeoutError, as NodeHttpHandler named it", async () => {
  const gone = await rawServer(() => {});
  gone.close();
  const error = await handler()
    .handle(request(gone.port))
    .catch((e) => e);
  expect(error.code).toBe("ECONNREFUSED");
  expect(error.name).toBe("TimeoutError");
});

test("a connection closed without an answer is ECONNRESET named TimeoutError", async () => {
  const server = await rawServer((socket) => socket.destroy());
  servers.push(server);
  const error = await handler()
    .handle(request(server.port))
    .catch((e) => e);
  expect(error.code).toBe("ECONNRESET");
  expect(error.name).toBe("TimeoutError");
});

test("no answer within the timeout: TimeoutError with ETIMEDOUT, and the socket is closed", async () => {
  const server = await rawServer(() => {}); // reads the request, never answers
  servers.push(server);
  const started = Date.now();
  const error = await handler(300)
    .handle(request(server.port))
    .catch((e) => e);
  expect(Date.now() - started).toBeWithin(250, 2000);
  expect(error.name).toBe("TimeoutError");
  expect(error.code).toBe("ETIMEDOUT");
  for (let i = 0; i < 100 && !server.closed(); i++) await Bun.sleep(10);
  expect(server.closed()).toBe(true);
});

test("a body that stops coming: TimeoutError after the same timeout, not the call's deadline", async () => {
  const server = await rawServer((socket) => {
    socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<a>");
  });
  servers.push(server);
  // The call's deadline (the outer signal) is far; only the idle timer can end it in time.
  const deadline = new AbortController();
  const far = setTimeout(() => deadline.abort(new Error("deadline")), 5000);
  const started = Date.now();
  const error = await handler(300)
    .handle(request(server.port), { abortSignal: deadline.signal as never })
    .catch((e) => e);
  clearTimeout(far);
  expect(Date.now() - started).toBeWithin(250, 2000);
  expect(error.name).toBe("TimeoutError");
  expect(error.code).toBe("ETIMEDOUT");
  for (let i = 0; i < 100 && !server.closed(); i++) await Bun.sleep(10);
  expect(server.closed()).toBe(true);
});

test("a body that keeps coming, slower in all than the timeout, is read whole", async () => {
  const body = "<answer>dripped</answer>";
  const server = await rawServer((socket) => {
    socket.write(
      `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let at = 0;
    const timer = setInterval(() => {
      if (socket.destroyed) return clearInterval(timer);
      socket.write(body.slice(at, at + 4));
      at += 4;
      if (at >= body.length) clearInterval(timer);
    }, 80);
  });
  servers.push(server);
  const started = Date.now();
  const { response } = await handler(300).handle(request(server.port));
  // Seven pieces 80 ms apart: over twice the timeout in all, never 300 ms between two.
  expect(Date.now() - started).toBeGreaterThan(450);
  expect(new TextDecoder().decode(response.body as Uint8Array)).toBe(body);
});

test("the caller's abort ends the request at once with an AbortError", async () => {
  const server = await rawServer(() => {});
  servers.push(server);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("deadline")), 100);
  const started = Date.now();
  const error = await handler(5000)
    .handle(request(server.port), { abortSignal: controller.signal as never })
    .catch((e) => e);
  expect(Date.now() - started).toBeLessThan(1500);
  expect(error.name).toBe("AbortError");
  // An already aborted signal never sends the request.
  const again = await handler()
    .handle(request(server.port), { abortSignal: controller.signal as never })
    .catch((e) => e);
  expect(again.name).toBe("AbortError");
});

test("an endless body is cut off at the cap, and the connection closed", async () => {
  const server = await rawServer((socket) =>
    flood(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n"),
  );
  servers.push(server);
  const error = await handler(2000, 256 * 1024)
    .handle(request(server.port))
    .catch((e) => e);
  expect(error).toBeInstanceOf(AnswerTooLargeError);
  expect(error.name).toBe("AnswerTooLarge");
  for (let i = 0; i < 200 && !server.closed(); i++) await Bun.sleep(10);
  expect(server.closed()).toBe(true);
});

test("the SDK retries a refused connection once (2 attempts), as with NodeHttpHandler", async () => {
  const gone = await rawServer(() => {});
  gone.close();
  const client = new STSClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${gone.port}`,
    credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 2,
    requestHandler: handler(),
  });
  const error = await client.send(new GetCallerIdentityCommand({})).catch((e) => e);
  expect(error.code).toBe("ECONNREFUSED");
  expect(error.$metadata.attempts).toBe(2);
});

test("asks for no content encoding, and hands a body labelled gzip to the SDK as sent", async () => {
  // NodeHttpHandler sent no Accept-Encoding and decompressed nothing (the AWS CLI asks for
  // identity too). fetch asks for gzip, deflate, br, zstd by default and fails a mislabelled
  // body with a ZlibError, printing "Decompression error" on stderr itself.
  let acceptEncoding: string | null = "";
  const xml = "<GetCallerIdentityResponse>not gzip</GetCallerIdentityResponse>";
  const server = await rawServer((socket) => {
    socket.write(
      `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${xml.length}\r\n\r\n${xml}`,
    );
    socket.end();
  });
  servers.push(server);
  const seen = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      acceptEncoding = req.headers.get("accept-encoding");
      return new Response("ok");
    },
  });
  servers.push(seen);
  await handler().handle(request(seen.port ?? 0));
  expect(acceptEncoding).toBe("identity");
  const { response } = await handler().handle(request(server.port));
  expect(response.headers["content-encoding"]).toBe("gzip");
  expect(new TextDecoder().decode(response.body as Uint8Array)).toBe(xml);
});

test("the SDK retries a body that stopped coming once (2 attempts), as a silent endpoint", async () => {
  let connections = 0;
  const server = await rawServer((socket) => {
    connections++;
    socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<a>");
  });
  servers.push(server);
  const client = new STSClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${server.port}`,
    credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 2,
    requestHandler: handler(300),
  });
  const error = await client.send(new GetCallerIdentityCommand({})).catch((e) => e);
  expect(error.name).toBe("TimeoutError");
  expect(error.code).toBe("ETIMEDOUT");
  expect(error.$metadata.attempts).toBe(2);
  expect(connections).toBe(2);
});
