/**
 * How a call to AWS that cannot reach it ends, as a user sees it: each network failure is a
 * network error (exit 5) with its reason in words, and the same words whichever HTTP client
 * carries the call (aws/fetch-handler.ts on the runtime's fetch; NodeHttpHandler before it).
 * A TLS failure and a certificate that is not trusted are there too: a proxy that intercepts
 * TLS, or a wrong AWS_ENDPOINT_URL, look like that.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server as NetServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "bun";
import { useLoginWorld } from "../support/login-world.ts";
import { NOT_HTTP_GREETING, tcpServer as rawServer } from "../support/raw-server.ts";

const world = useLoginWorld();
const dir = mkdtempSync(join(tmpdir(), "awsmfa-network-errors-"));
let selfSigned: Server<undefined>;
const raw: NetServer[] = [];
const tcpServer = (onData: (socket: Socket) => void) => rawServer(onData, raw);

beforeAll(() => {
  const made = Bun.spawnSync(
    ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
      .concat(["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"])
      .concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
  );
  if (made.exitCode !== 0) throw new Error(`openssl failed: ${made.stderr.toString()}`);
  selfSigned = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: {
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
      key: readFileSync(join(dir, "key.pem"), "utf8"),
    },
    fetch: () => new Response("<never/>"),
  });
});
afterAll(() => {
  selfSigned?.stop(true);
  for (const s of raw) s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function whoami(endpoint: string) {
  const u = world.user();
  const env = { ...u.sandbox.env, AWS_ENDPOINT_URL: endpoint };
  return u.run(["whoami", "--profile", `${u.profile}-long-term`], { env, timeoutMs: 30_000 });
}

const HINT = "Check your network connection, VPN or proxy.";

test("a refused connection and a reset one: exit 5, the reason in words", async () => {
  const refused = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = refused.port;
  refused.stop(true);
  const reset = await tcpServer((socket) => socket.destroy());
  for (const [endpoint, reason] of [
    [`http://127.0.0.1:${port}`, "the connection was refused"],
    [`http://${reset}`, "the connection was reset"],
    [`https://${reset}`, "the connection was reset"],
  ] as const) {
    const r = await whoami(endpoint);
    expect([endpoint, r.stderr]).toEqual([
      endpoint,
      expect.stringContaining(`Could not reach AWS STS/IAM at ${endpoint}: ${reason}.`),
    ]);
    expect(r.stderr).toContain(HINT);
    expect(r.code).toBe(5);
  }
});

test("a certificate this computer does not trust: exit 5, named, not 'report a bug'", async () => {
  const endpoint = `https://127.0.0.1:${selfSigned.port}`;
  const r = await whoami(endpoint);
  expect(r.stderr).toContain(
    `Could not reach AWS STS/IAM at ${endpoint}: its TLS certificate is not one this computer trusts (DEPTH_ZERO_SELF_SIGNED_CERT).`,
  );
  expect(r.stderr).toContain(HINT);
  expect(r.stderr).not.toContain("AWSMFA_DEBUG=1 and report");
  expect(r.code).toBe(5);
});

test("an https:// endpoint that does not speak TLS: exit 5, the handshake named", async () => {
  const plain = await tcpServer((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
  const endpoint = `https://${plain}`;
  const r = await whoami(endpoint);
  expect(r.stderr).toContain(
    `Could not reach AWS STS/IAM at ${endpoint}: the TLS handshake failed (does the address speak TLS?).`,
  );
  // doctor's clock check (system/fetch-failure.ts) says the same words of the same endpoint.
  const u = world.user();
  const doctor = await u.run(["doctor"], { env: { ...u.sandbox.env, AWS_ENDPOINT_URL: endpoint } });
  expect(doctor.stdout).toContain(
    `Could not reach STS at ${endpoint} to compare clocks: the TLS handshake failed (does the address speak TLS?)`,
  );
  expect(r.stderr).not.toContain("AWSMFA_DEBUG=1 and report");
  expect(r.code).toBe(5);
});

test("an endpoint that answers but not in HTTP (another service, a bad status or header line, a broken chunk): exit 5, 'not an answer from AWS'", async () => {
  const answers = [
    NOT_HTTP_GREETING, // another service on that port
    "HTTP/1.1 abc OK\r\n\r\n", // a status line that is not one
    "HTTP/1.1 200 OK\r\nthis is not a header\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n", // the body's framing
  ];
  for (const answer of answers) {
    const endpoint = `http://${await tcpServer((socket) => socket.end(answer))}`;
    const r = await whoami(endpoint);
    expect([answer, r.stderr]).toEqual([
      answer,
      expect.stringContaining(`got an answer from ${endpoint} that is not an answer from AWS`),
    ]);
    expect(r.stderr).toContain("wrong AWS_ENDPOINT_URL");
    expect(r.stderr).not.toContain("Malformed_HTTP_Response");
    expect(r.stderr).not.toContain("AWSMFA_DEBUG=1 and report");
    expect(r.code).toBe(5);
  }
});
