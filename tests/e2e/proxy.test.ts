/**
 * awsmfa's calls to AWS go through the proxy in HTTP_PROXY / HTTPS_PROXY, except for hosts in
 * NO_PROXY, as the AWS CLI's and boto3's do (aws/fetch-handler.ts; README, Environment). The
 * proxy here is a small forwarding one on 127.0.0.1 in front of the fake AWS.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Server } from "bun";
import { forward } from "../support/forward.ts";
import { useLoginWorld } from "../support/login-world.ts";

const world = useLoginWorld();
let proxy: Server<undefined>;
const proxied: string[] = [];

beforeAll(() => {
  proxy = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    // A proxy gets the absolute URL; it forwards the request as it came.
    async fetch(req) {
      proxied.push(`${req.method} ${req.url}`);
      return forward(req, req.url);
    },
  });
});
afterAll(() => proxy.stop(true));

test("a login goes through HTTP_PROXY, and straight to AWS for a host in NO_PROXY", async () => {
  const u = world.user();
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  const env = { ...u.sandbox.env, HTTP_PROXY: proxyUrl };
  proxied.length = 0;
  const through = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh"], { env });
  expect(through.stderr).toContain("New session for prod");
  expect(through.code).toBe(0);
  expect(proxied).toEqual([`POST ${world.aws.url}/`]);
  expect(world.aws.calls.at(-1)?.action).toBe("GetSessionToken");

  const v = world.user();
  proxied.length = 0;
  const calls = world.aws.calls.length;
  const direct = await v.run(["login", v.profile, "--otp", v.code(), "--format", "sh"], {
    env: { ...v.sandbox.env, HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1" },
  });
  expect(direct.code).toBe(0);
  expect(proxied).toEqual([]);
  expect(world.aws.calls.length).toBe(calls + 1);
});

test("--debug says a proxy variable is set for the call, host and port only", async () => {
  const u = world.user();
  const proxyUrl = `http://carol:s3cretPw@127.0.0.1:${proxy.port}`;
  const r = await u.run(["login", u.profile, "--otp", u.code(), "--format", "sh", "--debug"], {
    env: { ...u.sandbox.env, HTTP_PROXY: proxyUrl },
  });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(
    `sts: GetSessionToken -> ${world.aws.url}; HTTP_PROXY is set (the proxy 127.0.0.1:${proxy.port})`,
  );
  expect(r.stderr).not.toContain("s3cretPw");
  const plain = world.user();
  const without = await plain.run([
    "login",
    plain.profile,
    "--otp",
    plain.code(),
    "--format",
    "sh",
    "--debug",
  ]);
  expect(without.stderr).toContain(`sts: GetSessionToken -> ${world.aws.url}\n`);
});

test("a proxy that refuses connections is a network error with exit 5", async () => {
  const u = world.user();
  const dead = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = dead.port;
  dead.stop(true);
  const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: { ...u.sandbox.env, HTTP_PROXY: `http://bob:pr0xyPw@127.0.0.1:${port}` },
  });
  expect(r.code).toBe(5);
  expect(r.stderr).toContain("Could not reach AWS STS/IAM");
  // The proxy is named (it, not the endpoint, refused), its password never.
  expect(r.stderr).toContain(`HTTP_PROXY is set (the proxy 127.0.0.1:${port})`);
  expect(r.stderr).not.toContain("pr0xyPw");
  expect(r.stderr).not.toContain("This is a bug");
});

/**
 * A proxy that answers every request (a CONNECT for https, a forwarded request for http) with
 * `status`, as a proxy that wants other credentials or forbids the host does.
 */
function refusingProxy(status: string) {
  return Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      data(socket) {
        socket.end(
          `HTTP/1.1 ${status}\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n`,
        );
      },
    },
  });
}

test.each([
  ["https", "HTTPS_PROXY", "407 Proxy Authentication Required"],
  ["https", "HTTPS_PROXY", "403 Forbidden"],
  ["http", "HTTP_PROXY", "407 Proxy Authentication Required"],
])(
  "a proxy that refuses a %s call (%s, %s) is named, with exit 5, and its password never shown",
  async (scheme, variable, status) => {
    const u = world.user();
    const proxy = refusingProxy(status);
    try {
      // The tunnel is refused before any TLS, so the https endpoint need not exist.
      const endpoint = scheme === "https" ? "https://127.0.0.1:1" : world.aws.url;
      const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
        env: {
          ...u.sandbox.env,
          AWS_ENDPOINT_URL: endpoint,
          [variable]: `http://alice:s3cretPw@127.0.0.1:${proxy.port}`,
          AWSMFA_DEBUG: "1",
        },
      });
      expect(r.stderr).toContain(`the proxy refused`);
      expect(r.stderr).toContain(status.split(" ")[0]!);
      expect(r.stderr).toContain(variable);
      expect(r.stderr).not.toContain("s3cretPw");
      expect(r.stderr).not.toContain("This is a bug");
      expect(r.code).toBe(5);
    } finally {
      proxy.stop(true);
    }
  },
);

test("a proxy awsmfa cannot use (socks5://) is a configuration error, exit 3", async () => {
  const u = world.user();
  const r = await u.run(["whoami", "--profile", `${u.profile}-long-term`], {
    env: { ...u.sandbox.env, HTTP_PROXY: "socks5://alice:s3cretPw@127.0.0.1:1" },
  });
  expect(r.stderr).toContain("HTTP_PROXY");
  expect(r.stderr).toContain("http://");
  expect(r.stderr).not.toContain("s3cretPw");
  expect(r.code).toBe(3);
});
